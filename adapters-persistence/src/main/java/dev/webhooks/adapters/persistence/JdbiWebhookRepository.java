package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.ConcurrentUpdateException;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledWebhook;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookQuotaExceededException;
import dev.webhooks.domain.webhook.WebhookSort;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** Stores webhooks in MySQL/MariaDB through Jdbi; secrets and encrypted header values are encrypted at rest. */
public final class JdbiWebhookRepository implements WebhookRepository {
    private final Jdbi jdbi;
    private final AesGcmSecretCipher cipher;
    private final JsonColumns json = new JsonColumns();
    private final WebhookRowMapper mapper;

    public JdbiWebhookRepository(Jdbi jdbi, AesGcmSecretCipher cipher) {
        this.jdbi = jdbi;
        this.cipher = cipher;
        this.mapper = new WebhookRowMapper(cipher, json);
    }

    @Override
    public void insert(Webhook webhook, int ownerQuota) {
        jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            WebhookDao dao = handle.attach(WebhookDao.class);
            reserveQuota(dao, webhook.tenantId(), webhook.ownerId(), ownerQuota);
            dao.insert(row(webhook));
            insertEventTypes(dao, webhook);
        });
    }

    @Override
    public Optional<Webhook> findById(String tenantId, WebhookId id) {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT " + WebhookDao.COLUMNS + " FROM webhooks WHERE id = :id AND tenant_id = :tenantId")
                .bind("id", id.toString())
                .bind("tenantId", tenantId)
                .map(mapper)
                .findOne());
    }

    @Override
    public Optional<Webhook> findByIdInAnyTenant(WebhookId id) {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT " + WebhookDao.COLUMNS + " FROM webhooks WHERE id = :id")
                .bind("id", id.toString())
                .map(mapper)
                .findOne());
    }

    @Override
    public Webhook update(Webhook webhook, int ownerQuota) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            WebhookDao dao = handle.attach(WebhookDao.class);
            Optional<String> storedOwner = dao.ownerOf(webhook.tenantId(), webhook.id().toString());
            if (storedOwner.isPresent() && !storedOwner.get().equals(webhook.ownerId())) {
                reserveQuota(dao, webhook.tenantId(), webhook.ownerId(), ownerQuota);
            }
            boolean enabling = webhook.enabled() && !dao.enabledOf(webhook.tenantId(), webhook.id().toString()).orElse(true);
            if (dao.update(row(webhook)) != 1) {
                throw new ConcurrentUpdateException(webhook.id());
            }
            if (enabling) {
                dao.endFailureStreak(webhook.id().toString());
            }
            dao.deleteEventTypes(webhook.id().toString());
            insertEventTypes(dao, webhook);
            return webhook.withVersion(webhook.version() + 1);
        });
    }

    @Override
    public Optional<DisabledWebhook> disable(WebhookId id, DisabledReason reason, Instant now) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            WebhookDao dao = handle.attach(WebhookDao.class);
            if (dao.disable(id.toString(), reason.code().name(), reason.message(), Timestamps.toColumn(now)) != 1) {
                return Optional.empty();
            }
            return handle.createQuery("SELECT tenant_id, name, owner_id, version FROM webhooks WHERE id = :id")
                    .bind("id", id.toString())
                    .map((rs, ctx) -> new DisabledWebhook(id, rs.getString("tenant_id"), rs.getString("name"),
                            rs.getString("owner_id"), rs.getLong("version")))
                    .findOne();
        });
    }

    @Override
    public boolean delete(String tenantId, WebhookId id) {
        return LongStatements.withHandle(jdbi, handle -> handle.inTransaction(transaction -> {
            WebhookDao dao = transaction.attach(WebhookDao.class);
            dao.deleteDeliveries(tenantId, id.toString());
            return dao.delete(tenantId, id.toString());
        })) == 1;
    }

    @Override
    public Page<Webhook> list(WebhookQuery query, WebhookSort sort, PageRequest page) {
        return jdbi.withHandle(handle -> new WebhookListQuery(handle, mapper, query, sort).fetch(page));
    }

    @Override
    public ReencryptionBatch reencryptWithCurrentKey(java.util.Optional<String> afterId, int batchSize) {
        String current = cipher.currentKeyPrefix() + "%";
        return jdbi.withHandle(handle -> {
            List<Map<String, Object>> stale = handle.createQuery("SELECT id, secret, encrypted_headers, previous_secret"
                            + " FROM webhooks WHERE id > :after AND ((secret IS NOT NULL AND secret NOT LIKE :current)"
                            + " OR (encrypted_headers IS NOT NULL AND encrypted_headers NOT LIKE :current)"
                            + " OR (previous_secret IS NOT NULL AND previous_secret NOT LIKE :current)) ORDER BY id LIMIT :batch")
                    .bind("after", afterId.orElse("")).bind("current", current).bind("batch", batchSize).mapToMap().list();
            int done = 0;
            int unreadable = 0;
            for (Map<String, Object> row : stale) {
                try {
                    done += reencrypt(handle, (String) row.get("id"), (String) row.get("secret"),
                            (String) row.get("encrypted_headers"), (String) row.get("previous_secret"));
                } catch (IllegalStateException keyMissingOrTampered) {
                    unreadable++;
                }
            }
            java.util.Optional<String> last = stale.size() < batchSize ? java.util.Optional.empty()
                    : java.util.Optional.of((String) stale.get(stale.size() - 1).get("id"));
            return new ReencryptionBatch(done, unreadable, last);
        });
    }

    /** Only replaces values nobody changed meanwhile (compare-and-set on the old ciphertexts). */
    private int reencrypt(org.jdbi.v3.core.Handle handle, String id, String secret, String headers, String previousSecret) {
        return handle.createUpdate("UPDATE webhooks SET secret = :newSecret, encrypted_headers = :newHeaders,"
                        + " previous_secret = :newPrevious WHERE id = :id AND secret <=> :secret"
                        + " AND encrypted_headers <=> :headers AND previous_secret <=> :previous")
                .bind("newSecret", reencrypted(secret, id))
                .bind("newHeaders", reencrypted(headers, id))
                .bind("newPrevious", reencrypted(previousSecret, id))
                .bind("id", id).bind("secret", secret).bind("headers", headers).bind("previous", previousSecret)
                .execute();
    }

    private String reencrypted(String stored, String id) {
        return stored == null ? null : cipher.encrypt(cipher.decrypt(stored, id), id);
    }

    /** Locks the owner's row, so that counting and inserting cannot interleave with another create for that owner. */
    private static void reserveQuota(WebhookDao dao, String tenantId, String ownerId, int quota) {
        dao.lockOwner(tenantId, ownerId);
        if (dao.countOwnedBy(tenantId, ownerId) >= quota) {
            throw new WebhookQuotaExceededException(ownerId, quota);
        }
    }

    private static void insertEventTypes(WebhookDao dao, Webhook webhook) {
        if (!webhook.definition().eventTypes().isEmpty()) {
            dao.insertEventTypes(webhook.id().toString(), webhook.tenantId(), webhook.definition().eventTypes());
        }
    }

    private Map<String, Object> row(Webhook webhook) {
        String id = webhook.id().toString();
        WebhookDefinition d = webhook.definition();
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("tenant_id", webhook.tenantId());
        row.put("name", d.name());
        row.put("description", d.description());
        row.put("url", d.url().value());
        row.put("level", d.level().wireName());
        row.put("owner_id", d.ownerId());
        row.put("event_types", json.write(d.eventTypes()));
        row.put("filter", d.filterIfAny().map(f -> f.text()).orElse(null));
        row.put("headers", json.write(d.headers().values()));
        row.put("encrypted_header_names", json.write(d.encryptedHeaders().names()));
        row.put("encrypted_headers", d.encryptedHeaders().isEmpty() ? null
                : cipher.encrypt(json.write(d.encryptedHeaders().values()), id));
        row.put("secret", d.secretIfAny().map(secret -> cipher.encrypt(secret.reveal(), id)).orElse(null));
        row.put("enabled", d.enabled());
        row.put("enable_cloud_event_delivery", d.enableCloudEventDelivery());
        row.put("check_certificate_revocation", d.checkCertificateRevocation());
        row.put("origin", d.origin().wireName());
        row.put("created_at", Timestamps.toColumn(webhook.createdAt()));
        row.put("updated_at", Timestamps.toColumn(webhook.updatedAt()));
        row.put("created_by_user_id", webhook.createdByUserId());
        row.put("updated_by_user_id", webhook.updatedByUserId());
        row.put("disabled_reason", webhook.disabledReason() == null ? null : webhook.disabledReason().message());
        row.put("disabled_reason_code", webhook.disabledReason() == null ? null : webhook.disabledReason().code().name());
        row.put("version", webhook.version());
        row.put("previous_secret", webhook.previousSecret() == null ? null
                : cipher.encrypt(webhook.previousSecret().secret().reveal(), id));
        row.put("previous_secret_expires_at", webhook.previousSecret() == null ? null
                : Timestamps.toColumn(webhook.previousSecret().expiresAt()));
        row.put("max_deliveries_per_second", d.rateLimit().map(DeliveryRate::perSecond).orElse(null));
        row.put("ordered_delivery", d.orderedDelivery());
        return row;
    }
}
