package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryOrder;
import dev.webhooks.domain.delivery.DeliveryOrder.Queued;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.FailureStreak;
import dev.webhooks.domain.delivery.RateBudget;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery queues in the database, one per webhook through the index {@code deliveries_queue} (webhook, state, due
 * time). Finding the webhooks with due deliveries is a loose index scan (one index dive per webhook with
 * deliveries, not one per delivery); a claim locks each webhook's oldest due rows with {@code FOR UPDATE SKIP LOCKED}
 * (so instances never claim the same row), pushes their {@code next_attempt_at} to the end of the lease and commits
 * at once: no transaction stays open while sending. Failure streaks live in {@code webhook_failure_streaks}, written
 * with a compare-and-set on their version. Rate-limited webhooks' next free starts live in {@code webhook_rate_limits},
 * advanced by each claim under the row's lock; ordered webhooks' heads live in {@code webhook_delivery_order}, read and
 * moved on by each claim under the row's lock.
 */
public final class JdbiDeliveryQueue implements DeliveryQueue {
    private static final String DUE_IN_QUEUE = "webhook_id = :webhook%1$d AND state = 'PENDING' AND next_attempt_at <= :now"
            + " AND tenant_id = :tenant%1$d";
    private static final int DUPLICATE_KEY = 1062;
    private static final Logger LOG = LoggerFactory.getLogger(JdbiDeliveryQueue.class);

    private final Jdbi jdbi;
    private final WebhookRowMapper webhooks;
    private final DeliveryRowMapper deliveries = new DeliveryRowMapper();
    private final DeliveryRows rows = new DeliveryRows();

    public JdbiDeliveryQueue(Jdbi jdbi, AesGcmSecretCipher cipher) {
        this.jdbi = jdbi;
        this.webhooks = new WebhookRowMapper(cipher, new JsonColumns());
    }

    @Override
    public List<DueWebhook> dueWebhooks(Instant now, int limit) {
        return jdbi.withHandle(handle -> {
            Map<String, Instant> due = oldestPendingByWebhook(handle, Optional.of(now));
            if (due.isEmpty()) {
                return List.of();
            }
            return handle.createQuery("SELECT id, tenant_id FROM webhooks WHERE id IN (<ids>) AND enabled = TRUE")
                    .bindList("ids", List.copyOf(due.keySet()))
                    .map((rs, ctx) -> new DueWebhook(rs.getString("tenant_id"), webhookId(rs.getString("id")),
                            due.get(rs.getString("id"))))
                    .stream().sorted(Comparator.comparing(DueWebhook::oldestDue)).limit(limit).toList();
        });
    }

    /**
     * When each webhook's oldest pending delivery is (or became) due, only those due by {@code dueBy} when given: a loose
     * index scan over {@code deliveries_queue}, one dive per webhook with deliveries.
     */
    private static Map<String, Instant> oldestPendingByWebhook(Handle handle, Optional<Instant> dueBy) {
        Query query = handle.createQuery("SELECT webhook_id, MIN(next_attempt_at) AS oldest FROM deliveries"
                + " WHERE state = 'PENDING'" + (dueBy.isPresent() ? " AND next_attempt_at <= :now" : "") + " GROUP BY webhook_id");
        dueBy.ifPresent(now -> query.bind("now", Timestamps.toColumn(now)));
        Map<String, Instant> oldest = new HashMap<>();
        query.map((rs, ctx) -> Map.entry(rs.getString("webhook_id"), Timestamps.read(rs, "oldest")))
                .forEach(entry -> oldest.put(entry.getKey(), entry.getValue()));
        return oldest;
    }

    @Override
    public List<Claimed> claim(List<ClaimRequest> requests, Instant now, Duration lease) {
        if (requests.isEmpty()) {
            return List.of();
        }
        return TransactionRetry.run(() -> jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                handle -> claim(handle, requests, now, lease)), TransactionRetry.CONFLICTS);
    }

    /**
     * Rate budgets and ordered webhooks' heads first (their rows locked), then the due deliveries within them, leased;
     * then the starts taken are stored.
     */
    private List<Claimed> claim(Handle handle, List<ClaimRequest> asked, Instant now, Duration lease) {
        Controls controls = controls(handle, asked);
        Map<WebhookId, RateBudget.Grant> grants = rateGrants(handle, asked, controls.rates(), now);
        List<ClaimRequest> withinRates = withinRates(asked, grants);
        Map<WebhookId, DeliveryId> heads = startableHeads(handle, withinRates, controls.ordered(), now);
        List<ClaimRequest> requests = withinRates.stream()
                .filter(request -> !controls.ordered().contains(request.webhookId().toString()) || heads.containsKey(request.webhookId()))
                .toList();
        if (requests.isEmpty()) {
            return List.of();
        }
        List<Claimed> claimed = lockDue(handle, requests, heads, now);
        postpone(handle, claimed.stream().map(c -> c.delivery().id()).toList(), now.plus(lease));
        return grants.isEmpty() ? claimed : startAsGranted(handle, claimed, grants);
    }

    /** What the webhooks asked for control about their deliveries: rate limits, and which are ordered. */
    private record Controls(Map<String, DeliveryRate> rates, Set<String> ordered) {
    }

    private static Controls controls(Handle handle, List<ClaimRequest> requests) {
        Map<String, DeliveryRate> rates = new TreeMap<>();
        Set<String> ordered = new HashSet<>();
        handle.createQuery("SELECT id, max_deliveries_per_second, ordered_delivery FROM webhooks WHERE id IN (<ids>)"
                        + " AND (max_deliveries_per_second IS NOT NULL OR ordered_delivery)")
                .bindList("ids", requests.stream().map(request -> request.webhookId().toString()).toList())
                .map((rs, ctx) -> {
                    String id = rs.getString("id");
                    int perSecond = rs.getInt("max_deliveries_per_second");
                    if (!rs.wasNull()) {
                        rates.put(id, new DeliveryRate(perSecond));
                    }
                    if (rs.getBoolean("ordered_delivery")) {
                        ordered.add(id);
                    }
                    return id;
                })
                .list();
        return new Controls(rates, ordered);
    }

    /**
     * The rate budgets of the rate-limited webhooks among those asked for, each locked (its row created if need be, in
     * id order so claims of several instances do not deadlock) until the claim commits: that lock is what makes every
     * instance see the starts the others took.
     */
    private static Map<WebhookId, RateBudget.Grant> rateGrants(Handle handle, List<ClaimRequest> requests,
                                                              Map<String, DeliveryRate> rates, Instant now) {
        if (rates.isEmpty()) {
            return Map.of();
        }
        PreparedBatch lock = handle.prepareBatch("INSERT INTO webhook_rate_limits (webhook_id, next_free_start)"
                + " VALUES (:id, :start) ON DUPLICATE KEY UPDATE next_free_start = next_free_start");
        rates.keySet().forEach(id -> lock.bind("id", id).bind("start", Timestamps.toColumn(Instant.EPOCH)).add());
        lock.execute();
        Map<String, Instant> nextFree = new HashMap<>();
        handle.createQuery("SELECT webhook_id, next_free_start FROM webhook_rate_limits WHERE webhook_id IN (<ids>)")
                .bindList("ids", List.copyOf(rates.keySet()))
                .map((rs, ctx) -> Map.entry(rs.getString("webhook_id"), Timestamps.read(rs, "next_free_start")))
                .forEach(entry -> nextFree.put(entry.getKey(), entry.getValue()));
        Map<WebhookId, RateBudget.Grant> grants = new HashMap<>();
        for (ClaimRequest request : requests) {
            String id = request.webhookId().toString();
            if (nextFree.containsKey(id)) {
                grants.put(request.webhookId(), new RateBudget(rates.get(id), nextFree.get(id)).grant(now, request.max()));
            }
        }
        return grants;
    }

    /**
     * The heads of the ordered webhooks among those asked for that may start now ({@link DeliveryOrder}). Each webhook's
     * order row is locked (created if need be, in id order) until the claim commits, so instances take turns; a head
     * that has finished is replaced by the first pending delivery in acceptance order, and the new head stored.
     */
    private Map<WebhookId, DeliveryId> startableHeads(Handle handle, List<ClaimRequest> requests, Set<String> ordered,
                                                      Instant now) {
        List<ClaimRequest> orderedRequests = requests.stream()
                .filter(request -> ordered.contains(request.webhookId().toString()))
                .sorted(Comparator.comparing(request -> request.webhookId().toString())).toList();
        if (orderedRequests.isEmpty()) {
            return Map.of();
        }
        PreparedBatch lock = handle.prepareBatch("INSERT INTO webhook_delivery_order (webhook_id, head) VALUES (:id, NULL)"
                + " ON DUPLICATE KEY UPDATE head = head");
        orderedRequests.forEach(request -> lock.bind("id", request.webhookId().toString()).add());
        lock.execute();
        Map<String, Optional<Queued>> recorded = new HashMap<>();
        handle.createQuery("SELECT o.webhook_id, d.id, d.state, d.next_attempt_at FROM webhook_delivery_order o"
                        + " LEFT JOIN deliveries d ON d.id = o.head WHERE o.webhook_id IN (<ids>)")
                .bindList("ids", orderedRequests.stream().map(request -> request.webhookId().toString()).toList())
                .map((rs, ctx) -> Map.entry(rs.getString("webhook_id"), queued(rs)))
                .forEach(entry -> recorded.put(entry.getKey(), entry.getValue()));
        Map<WebhookId, DeliveryId> startable = new HashMap<>();
        for (ClaimRequest request : orderedRequests) {
            Optional<Queued> before = recorded.getOrDefault(request.webhookId().toString(), Optional.empty());
            DeliveryOrder order = DeliveryOrder.of(before, () -> firstPending(handle, request));
            if (!order.head().map(Queued::id).equals(before.map(Queued::id))) {
                handle.createUpdate("UPDATE webhook_delivery_order SET head = :head WHERE webhook_id = :id")
                        .bind("head", order.head().map(head -> BinaryIds.bytes(head.id().value())).orElse(null))
                        .bind("id", request.webhookId().toString())
                        .execute();
            }
            order.startable(now).ifPresent(head -> startable.put(request.webhookId(), head));
        }
        return startable;
    }

    /** The first pending delivery of a webhook in acceptance order: its queue index in order, one row. */
    private static Optional<Queued> firstPending(Handle handle, ClaimRequest request) {
        return handle.createQuery("SELECT id, state, next_attempt_at FROM deliveries WHERE webhook_id = :webhook"
                        + " AND state = 'PENDING' AND tenant_id = :tenant ORDER BY next_attempt_at, id LIMIT 1")
                .bind("webhook", request.webhookId().toString())
                .bind("tenant", request.tenantId())
                .map((rs, ctx) -> queued(rs))
                .findOne()
                .flatMap(queued -> queued);
    }

    /** The delivery of a row (empty when the row has none: no head recorded, or the head is no longer stored). */
    private static Optional<Queued> queued(ResultSet rs) throws SQLException {
        byte[] id = rs.getBytes("id");
        if (id == null) {
            return Optional.empty();
        }
        DeliveryState state = DeliveryState.valueOf(rs.getString("state"));
        return Optional.of(new Queued(new DeliveryId(BinaryIds.uuid(id)), state,
                state == DeliveryState.PENDING ? Optional.of(Timestamps.read(rs, "next_attempt_at")) : Optional.empty()));
    }

    /** The requests cut to what the rates allow now; a webhook with no start free before the horizon is left out. */
    private static List<ClaimRequest> withinRates(List<ClaimRequest> requests, Map<WebhookId, RateBudget.Grant> grants) {
        List<ClaimRequest> within = new ArrayList<>();
        for (ClaimRequest request : requests) {
            RateBudget.Grant grant = grants.get(request.webhookId());
            if (grant == null) {
                within.add(request);
            } else if (grant.count() > 0) {
                within.add(new ClaimRequest(request.tenantId(), request.webhookId(), grant.count()));
            }
        }
        return within;
    }

    /** Gives each claimed delivery of a rate-limited webhook its start, in due order, and stores the starts taken. */
    private static List<Claimed> startAsGranted(Handle handle, List<Claimed> claimed, Map<WebhookId, RateBudget.Grant> grants) {
        Map<WebhookId, Integer> used = new HashMap<>();
        List<Claimed> started = new ArrayList<>(claimed.size());
        for (Claimed delivery : claimed) {
            RateBudget.Grant grant = grants.get(delivery.delivery().webhookId());
            if (grant == null) {
                started.add(delivery);
                continue;
            }
            int index = used.merge(delivery.delivery().webhookId(), 1, Integer::sum) - 1;
            started.add(new Claimed(delivery.delivery(), delivery.webhook(), Optional.of(grant.start(index))));
        }
        if (!used.isEmpty()) {
            PreparedBatch taken = handle.prepareBatch("UPDATE webhook_rate_limits SET next_free_start = :next WHERE webhook_id = :id");
            used.forEach((id, count) -> taken.bind("id", id.toString())
                    .bind("next", Timestamps.toColumn(grants.get(id).nextFreeStartAfter(count))).add());
            taken.execute();
        }
        return started;
    }

    /**
     * Locks every webhook's oldest due rows in one statement (a UNION ALL of one locking read per queue, or of its head
     * for an ordered webhook; the deliveries' rows only, not the event rows several deliveries share), reads them with
     * their bodies, then their webhooks.
     */
    private List<Claimed> lockDue(Handle handle, List<ClaimRequest> requests, Map<WebhookId, DeliveryId> heads, Instant now) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            parts.add(heads.containsKey(requests.get(i).webhookId())
                    ? "(SELECT id FROM deliveries WHERE id = :head" + i + " AND state = 'PENDING' AND next_attempt_at <= :now"
                            + " FOR UPDATE SKIP LOCKED)"
                    : "(SELECT id FROM deliveries WHERE " + String.format(DUE_IN_QUEUE, i)
                            + " ORDER BY next_attempt_at LIMIT :max" + i + " FOR UPDATE SKIP LOCKED)");
        }
        Query query = handle.createQuery(String.join(" UNION ALL ", parts)).bind("now", Timestamps.toColumn(now));
        for (int i = 0; i < requests.size(); i++) {
            ClaimRequest request = requests.get(i);
            DeliveryId head = heads.get(request.webhookId());
            if (head != null) {
                query.bind("head" + i, BinaryIds.bytes(head.value()));
            } else {
                query.bind("tenant" + i, request.tenantId()).bind("webhook" + i, request.webhookId().toString())
                        .bind("max" + i, request.max());
            }
        }
        List<byte[]> locked = query.mapTo(byte[].class).list();
        if (locked.isEmpty()) {
            return List.of();
        }
        List<Delivery> due = handle.createQuery("SELECT " + DeliveryRowMapper.COLUMNS + " FROM " + DeliveryRowMapper.FROM
                        + " WHERE d.id IN (<ids>) ORDER BY d.next_attempt_at")
                .bindList("ids", locked)
                .map(deliveries)
                .list();
        Map<String, Optional<Webhook>> enabled = enabledWebhooks(handle, due);
        return due.stream().filter(delivery -> enabled.containsKey(delivery.webhookId().toString()))
                .map(delivery -> new Claimed(delivery, enabled.get(delivery.webhookId().toString()))).toList();
    }

    /**
     * The enabled webhooks among those of the due deliveries, by id. A webhook whose secrets cannot be decrypted (its
     * key is no longer configured) maps to empty: its deliveries cannot be sent.
     */
    private Map<String, Optional<Webhook>> enabledWebhooks(Handle handle, List<Delivery> due) {
        List<String> ids = due.stream().map(delivery -> delivery.webhookId().toString()).distinct().toList();
        Map<String, Optional<Webhook>> found = new HashMap<>();
        handle.createQuery("SELECT " + WebhookDao.COLUMNS + " FROM webhooks WHERE id IN (<ids>) AND enabled = TRUE")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString("id"), readable(rs, ctx)))
                .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        return found;
    }

    private Optional<Webhook> readable(ResultSet rs, StatementContext ctx) throws SQLException {
        try {
            return Optional.of(webhooks.map(rs, ctx));
        } catch (IllegalStateException unreadable) {
            LOG.error("webhook {} cannot be read ({}); its encryption key is not configured", rs.getString("id"),
                    unreadable.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void postpone(List<DeliveryId> deliveryIds, Instant dueAt) {
        if (!deliveryIds.isEmpty()) {
            jdbi.useHandle(handle -> postpone(handle, deliveryIds, dueAt));
        }
    }

    private static void postpone(Handle handle, List<DeliveryId> deliveryIds, Instant dueAt) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        handle.createUpdate("UPDATE deliveries SET next_attempt_at = :due WHERE id IN (<ids>) AND state = 'PENDING'")
                .bind("due", Timestamps.toColumn(dueAt))
                .bindList("ids", deliveryIds.stream().map(id -> BinaryIds.bytes(id.value())).toList())
                .execute();
    }

    @Override
    public Map<WebhookId, FailureHistory> failureStreaks(Collection<WebhookId> webhookIds) {
        if (webhookIds.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT webhook_id, consecutive_failures, failing_since, version"
                        + " FROM webhook_failure_streaks WHERE webhook_id IN (<ids>)")
                .bindList("ids", webhookIds.stream().map(Object::toString).toList())
                .map((rs, ctx) -> Map.entry(webhookId(rs.getString("webhook_id")), new FailureHistory(
                        new FailureStreak(rs.getInt("consecutive_failures"), rs.getObject("failing_since") == null
                                ? Optional.empty() : Optional.of(Timestamps.read(rs, "failing_since"))),
                        rs.getLong("version"))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Override
    public void record(List<AttemptRecord> attempts, List<StreakUpdate> streaks) {
        TransactionRetry.run(() -> jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            recordAttempts(handle, attempts);
            updateStreaks(handle, streaks);
        }), TransactionRetry.CONFLICTS);
    }

    private void recordAttempts(Handle handle, List<AttemptRecord> attempts) {
        PreparedBatch attempted = handle.prepareBatch("UPDATE deliveries SET state = :state, status = :status,"
                + " attempts = attempts + 1, next_attempt_at = :next, last_attempt_at = :at, request_url = :url,"
                + " request_headers = :requestHeaders, status_code = :code, response_headers = :responseHeaders,"
                + " response_body = :responseBody, status_message = :message WHERE id = :id");
        Map<Instant, List<DeliveryId>> notSent = new HashMap<>();
        for (AttemptRecord record : attempts) {
            if (record.attempt().isEmpty()) {
                notSent.computeIfAbsent(record.nextAttemptAt().orElseThrow(), due -> new ArrayList<>()).add(record.deliveryId());
                continue;
            }
            rows.bindState(attempted, record.state(), record.nextAttemptAt().orElse(null));
            rows.bindAttempt(attempted, record.attempt().get()).bind("id", BinaryIds.bytes(record.deliveryId().value())).add();
        }
        if (attempted.size() > 0) {
            attempted.execute();
        }
        notSent.forEach((due, ids) -> postpone(handle, ids, due));
    }

    /** Compare-and-set on each streak's version; a webhook deleted meanwhile has no streak to keep. */
    private static void updateStreaks(Handle handle, List<StreakUpdate> streaks) {
        if (streaks.isEmpty()) {
            return;
        }
        Set<String> existing = new HashSet<>(handle.createQuery("SELECT id FROM webhooks WHERE id IN (<ids>)")
                .bindList("ids", streaks.stream().map(update -> update.webhookId().toString()).toList())
                .mapTo(String.class).list());
        streaks.stream().filter(update -> existing.contains(update.webhookId().toString()))
                .sorted(Comparator.comparing(update -> update.webhookId().toString()))
                .forEach(update -> {
                    if (writeStreak(handle, update) != 1) {
                        throw new FailureStreakConflict(update.webhookId());
                    }
                });
    }

    /** A first streak is inserted (a duplicate key means another instance inserted it first); later ones are updated. */
    private static int writeStreak(Handle handle, StreakUpdate update) {
        String sql = update.expectedVersion() == 0
                ? "INSERT INTO webhook_failure_streaks (webhook_id, consecutive_failures, failing_since, version)"
                        + " VALUES (:id, :failures, :since, 1)"
                : "UPDATE webhook_failure_streaks SET consecutive_failures = :failures, failing_since = :since,"
                        + " version = version + 1 WHERE webhook_id = :id AND version = :version";
        try {
            Update statement = bindStreak(handle.createUpdate(sql), update);
            return (update.expectedVersion() == 0 ? statement : statement.bind("version", update.expectedVersion())).execute();
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException cause && cause.getErrorCode() == DUPLICATE_KEY) {
                return 0;
            }
            throw e;
        }
    }

    private static Update bindStreak(Update statement, StreakUpdate update) {
        return statement
                .bind("id", update.webhookId().toString())
                .bind("failures", update.streak().consecutiveFailures())
                .bind("since", update.streak().failingSince().map(Timestamps::toColumn).orElse(null));
    }

    /** The due deliveries of the webhooks with any due: index ranges in the webhooks' queues, never the whole table. */
    @Override
    public long countDue(Instant now) {
        return LongStatements.withHandle(jdbi, handle -> {
            Map<String, Instant> due = oldestPendingByWebhook(handle, Optional.of(now));
            return due.isEmpty() ? 0L : handle.createQuery("SELECT COUNT(*) FROM deliveries WHERE webhook_id IN (<ids>)"
                            + " AND state = 'PENDING' AND next_attempt_at <= :now")
                    .bindList("ids", List.copyOf(due.keySet()))
                    .bind("now", Timestamps.toColumn(now)).mapTo(Long.class).one();
        });
    }

    @Override
    public Optional<Instant> oldestDue() {
        return jdbi.withHandle(handle -> oldestPendingByWebhook(handle, Optional.empty()).values().stream()
                .min(Comparator.naturalOrder()));
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

    private static WebhookId webhookId(String text) {
        return new WebhookId(UUID.fromString(text));
    }
}
