package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.delivery.AutoDisablePolicy;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.webhook.DisabledReason;
import java.util.Optional;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The delivery queue in the database. A claim locks due rows with {@code FOR UPDATE SKIP LOCKED} (so instances
 * never claim the same row), pushes their {@code next_attempt_at} to the end of the lease and commits at once:
 * no transaction stays open while sending. Deliveries of a disabled (or unreadable) webhook wait, re-checked every
 * minute.
 */
public final class JdbiDeliveryQueue implements DeliveryQueue {
    static final Duration DISABLED_RECHECK = Duration.ofMinutes(1);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbiDeliveryQueue.class);

    private final Jdbi jdbi;
    private final WebhookRowMapper webhooks;
    private final DeliveryRowMapper deliveries = new DeliveryRowMapper();
    private final JsonColumns json = new JsonColumns();
    private final DeliveryRows rows = new DeliveryRows();

    private final AutoDisablePolicy autoDisable;

    public JdbiDeliveryQueue(Jdbi jdbi, AesGcmSecretCipher cipher, AutoDisablePolicy autoDisable) {
        this.jdbi = jdbi;
        this.autoDisable = autoDisable;
        this.webhooks = new WebhookRowMapper(cipher, json);
    }

    @Override
    public List<Claimed> claimDue(Instant now, int max, Duration lease) {
        return TransactionRetry.run(() -> claim(now, max, lease), TransactionRetry.CONFLICTS);
    }

    private List<Claimed> claim(Instant now, int max, Duration lease) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            List<Delivery> due = handle.createQuery("SELECT " + DeliveryRowMapper.COLUMNS + " FROM deliveries"
                            + " WHERE state = 'PENDING' AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :max"
                            + " FOR UPDATE SKIP LOCKED")
                    .bind("now", Timestamps.toColumn(now))
                    .bind("max", max)
                    .map(deliveries)
                    .list();
            if (due.isEmpty()) {
                return List.of();
            }
            Map<String, Webhook> owners = webhooksOf(handle, due);
            List<Claimed> claimed = new ArrayList<>();
            List<Delivery> waiting = new ArrayList<>();
            for (Delivery delivery : due) {
                Webhook webhook = owners.get(delivery.webhookId().toString());
                if (webhook != null && webhook.enabled()) {
                    claimed.add(new Claimed(delivery, webhook));
                } else {
                    waiting.add(delivery);
                }
            }
            postpone(handle, claimed.stream().map(Claimed::delivery).toList(), now.plus(lease));
            postpone(handle, waiting, now.plus(DISABLED_RECHECK));
            return claimed;
        });
    }

    @Override
    public long countDue(Instant now) {
        return LongStatements.withHandle(jdbi, handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM deliveries WHERE state = 'PENDING' AND next_attempt_at <= :now")
                .bind("now", Timestamps.toColumn(now)).mapTo(Long.class).one());
    }

    @Override
    public Optional<Instant> oldestDue() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT MIN(next_attempt_at) AS oldest FROM deliveries WHERE state = 'PENDING'")
                .map((rs, ctx) -> rs.getObject("oldest") == null ? null : Timestamps.read(rs, "oldest"))
                .findOne());
    }

    @Override
    public int requeueFailed(RequeueCriteria criteria, Instant now, int batchSize) {
        StringBuilder sql = new StringBuilder("UPDATE deliveries SET state = 'PENDING', attempts = 0, next_attempt_at = :now"
                + " WHERE state = 'FAILED' AND triggered_at >= :since AND triggered_at < :until");
        criteria.tenantId().ifPresent(tenant -> sql.append(" AND tenant_id = :tenant"));
        criteria.webhookId().ifPresent(webhook -> sql.append(" AND webhook_id = :webhook"));
        criteria.eventType().ifPresent(type -> sql.append(" AND event_type = :type"));
        sql.append(" LIMIT :batch");
        return LongStatements.withHandle(jdbi, handle -> {
            var update = handle.createUpdate(sql.toString())
                    .bind("now", Timestamps.toColumn(now))
                    .bind("since", Timestamps.toColumn(criteria.since()))
                    .bind("until", Timestamps.toColumn(criteria.until()))
                    .bind("batch", batchSize);
            criteria.tenantId().ifPresent(tenant -> update.bind("tenant", tenant));
            criteria.webhookId().ifPresent(webhook -> update.bind("webhook", webhook));
            criteria.eventType().ifPresent(type -> update.bind("type", type));
            return update.execute();
        });
    }

    @Override
    public void postpone(List<dev.webhooks.domain.delivery.DeliveryId> deliveryIds, Instant dueAt) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE deliveries SET next_attempt_at = :due WHERE id IN (<ids>) AND state = 'PENDING'")
                .bind("due", Timestamps.toColumn(dueAt))
                .bindList("ids", deliveryIds.stream().map(Object::toString).toList())
                .execute());
    }

    @Override
    public void record(List<Result> results) {
        TransactionRetry.run(() -> jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> record(handle, results)),
                TransactionRetry.CONFLICTS);
    }

    private void record(Handle handle, List<Result> results) {
        PreparedBatch batch = handle.prepareBatch("UPDATE deliveries SET state = :state, status = :status,"
                + " attempts = attempts + 1, next_attempt_at = :next, last_attempt_at = :at, request_url = :url,"
                + " request_headers = :requestHeaders, status_code = :code, response_headers = :responseHeaders,"
                + " response_body = :responseBody, status_message = :message WHERE id = :id");
        for (Result result : results) {
            rows.bindState(batch, result.state(), result.nextAttemptAt());
            rows.bindAttempt(batch, result.attempt()).bind("id", result.deliveryId().toString()).add();
        }
        batch.execute();
        // Webhook rows in id order, as publishing share-locks them (see JdbiEventLog.insertDeliveries).
        Map<String, List<Result>> byWebhook = results.stream()
                .collect(Collectors.groupingBy(Result::webhookId, java.util.TreeMap::new, Collectors.toList()));
        resetStreaks(handle, byWebhook.entrySet().stream()
                .filter(entry -> entry.getValue().stream().anyMatch(Result::succeeded)).map(Map.Entry::getKey).toList());
        byWebhook.values().forEach(ofWebhook -> trackFailures(handle, ofWebhook));
    }

    /**
     * Ends the failure streak of webhooks that just had a success. A lock-free read comes first, so the common case,
     * a success of a healthy webhook, writes nothing and never waits for ingest's locks on the webhook row.
     */
    private static void resetStreaks(Handle handle, List<String> webhookIds) {
        if (webhookIds.isEmpty()) {
            return;
        }
        List<String> failing = handle.createQuery("SELECT id FROM webhooks WHERE id IN (<ids>)"
                        + " AND (consecutive_failures <> 0 OR failing_since IS NOT NULL)")
                .bindList("ids", webhookIds).mapTo(String.class).list();
        if (!failing.isEmpty()) {
            handle.createUpdate("UPDATE webhooks SET consecutive_failures = 0, failing_since = NULL WHERE id IN (<ids>)")
                    .bindList("ids", failing).execute();
        }
    }

    /**
     * One webhook's results in attempt order: a 410 disables it wherever it stands; failures after its last success
     * extend its streak, which the policy may find too long.
     */
    private void trackFailures(Handle handle, List<Result> ofWebhook) {
        int lastSuccess = -1;
        for (int i = 0; i < ofWebhook.size(); i++) {
            lastSuccess = ofWebhook.get(i).succeeded() ? i : lastSuccess;
        }
        for (int i = 0; i < ofWebhook.size(); i++) {
            Result result = ofWebhook.get(i);
            Optional<DisabledReason> reason = Optional.ofNullable(result.disableWebhook());
            if (reason.isEmpty() && i > lastSuccess) {
                reason = extendStreak(handle, result);
            }
            reason.ifPresent(why -> disable(handle, result, why));
        }
    }

    /** Adds a failed attempt to the webhook's streak and asks the policy whether it has now failed for too long. */
    private Optional<DisabledReason> extendStreak(Handle handle, Result result) {
        String increment = result.state() == DeliveryState.FAILED ? "consecutive_failures + 1" : "consecutive_failures";
        handle.createUpdate("UPDATE webhooks SET consecutive_failures = " + increment
                        + ", failing_since = COALESCE(failing_since, :at) WHERE id = :id")
                .bind("at", Timestamps.toColumn(result.attempt().at()))
                .bind("id", result.webhookId()).execute();
        return handle.createQuery("SELECT consecutive_failures, failing_since FROM webhooks WHERE id = :id AND enabled = TRUE")
                .bind("id", result.webhookId())
                .map((rs, ctx) -> autoDisable.evaluate(rs.getInt(1),
                        rs.getObject(2) == null ? null : Timestamps.read(rs, "failing_since"), result.attempt().at()))
                .findOne()
                .flatMap(reason -> reason);
    }

    /**
     * The webhooks of the due deliveries. A webhook whose secrets cannot be decrypted (its key is no longer
     * configured) is left out and logged, so its deliveries wait instead of stopping everyone else's.
     */
    private Map<String, Webhook> webhooksOf(Handle handle, List<Delivery> due) {
        List<String> ids = due.stream().map(delivery -> delivery.webhookId().toString()).distinct().toList();
        return handle.createQuery("SELECT " + WebhookDao.COLUMNS + " FROM webhooks WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> readable(rs, ctx))
                .list().stream()
                .flatMap(Optional::stream)
                .collect(Collectors.toMap(webhook -> webhook.id().toString(), Function.identity()));
    }

    private Optional<Webhook> readable(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        try {
            return Optional.of(webhooks.map(rs, ctx));
        } catch (IllegalStateException unreadable) {
            LOG.error("webhook {} cannot be read ({}); its deliveries wait until its encryption key is configured again",
                    rs.getString("id"), unreadable.getMessage());
            return Optional.empty();
        }
    }

    private static void postpone(Handle handle, List<Delivery> rows, Instant until) {
        if (rows.isEmpty()) {
            return;
        }
        handle.createUpdate("UPDATE deliveries SET next_attempt_at = :until WHERE id IN (<ids>)")
                .bind("until", Timestamps.toColumn(until))
                .bindList("ids", rows.stream().map(delivery -> delivery.id().toString()).toList())
                .execute();
    }

    private static void disable(Handle handle, Result result, DisabledReason reason) {
        handle.createUpdate("UPDATE webhooks SET enabled = FALSE, disabled_reason = :reason, disabled_reason_code = :code,"
                        + " version = version + 1 WHERE id = :id AND tenant_id = :tenant")
                .bind("reason", reason.message())
                .bind("code", reason.code())
                .bind("id", result.webhookId())
                .bind("tenant", result.tenantId())
                .execute();
    }

}
