package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.filter.Filter;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.HeaderMap;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.PreviousSecret;
import dev.webhooks.domain.webhook.Secret;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads a {@code webhooks} row back into a {@link Webhook}, decrypting its secrets; or, for matching events, without
 * them (matching needs none, so ingest neither pays for decryption nor depends on every key being configured).
 */
final class WebhookRowMapper implements RowMapper<Webhook> {
    private final AesGcmSecretCipher cipher;
    private final JsonColumns json;
    private final boolean withSecrets;

    WebhookRowMapper(AesGcmSecretCipher cipher, JsonColumns json) {
        this(cipher, json, true);
    }

    private WebhookRowMapper(AesGcmSecretCipher cipher, JsonColumns json, boolean withSecrets) {
        this.cipher = cipher;
        this.json = json;
        this.withSecrets = withSecrets;
    }

    /** A mapper that leaves secrets and encrypted headers out: for matching only, never for sending. */
    WebhookRowMapper forMatching() {
        return new WebhookRowMapper(cipher, json, false);
    }

    @Override
    public Webhook map(ResultSet rs, StatementContext ctx) throws SQLException {
        String id = rs.getString("id");
        WebhookDefinition.Builder definition = new WebhookDefinition.Builder();
        definition.name = rs.getString("name");
        definition.description = rs.getString("description");
        definition.url = new WebhookUrl(rs.getString("url"));
        definition.level = Level.fromWireName("level", rs.getString("level"));
        definition.ownerId = rs.getString("owner_id");
        definition.eventTypes = json.readList(rs.getString("event_types"));
        definition.filter = rs.getString("filter") == null ? null : Filter.parse(rs.getString("filter"));
        definition.headers = new HeaderMap("headers", json.readMap(rs.getString("headers")));
        if (withSecrets) {
            definition.encryptedHeaders = encryptedHeaders(rs.getString("encrypted_headers"), id);
            definition.secret = rs.getString("secret") == null ? null : new Secret(cipher.decrypt(rs.getString("secret"), id));
        }
        definition.enabled = rs.getBoolean("enabled");
        definition.enableCloudEventDelivery = rs.getBoolean("enable_cloud_event_delivery");
        definition.checkCertificateRevocation = rs.getBoolean("check_certificate_revocation");
        definition.origin = Origin.fromWireName("origin", rs.getString("origin"));
        int rate = rs.getInt("max_deliveries_per_second");
        definition.maxDeliveriesPerSecond = rs.wasNull() ? null : new DeliveryRate(rate);
        definition.orderedDelivery = rs.getBoolean("ordered_delivery");
        return new Webhook(new WebhookId(UUID.fromString(id)), rs.getString("tenant_id"), definition.build(),
                Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at"),
                rs.getString("created_by_user_id"), rs.getString("updated_by_user_id"),
                disabledReason(rs), rs.getLong("version"), withSecrets ? previousSecret(rs, id) : null);
    }

    private PreviousSecret previousSecret(ResultSet rs, String id) throws SQLException {
        String stored = rs.getString("previous_secret");
        return stored == null ? null
                : new PreviousSecret(new Secret(cipher.decrypt(stored, id)), Timestamps.read(rs, "previous_secret_expires_at"));
    }

    private HeaderMap encryptedHeaders(String stored, String id) {
        return stored == null ? HeaderMap.EMPTY
                : new HeaderMap("encryptedHeaders", json.readMap(cipher.decrypt(stored, id)));
    }

    private static DisabledReason disabledReason(ResultSet rs) throws SQLException {
        String code = rs.getString("disabled_reason_code");
        return code == null ? null : new DisabledReason(DisabledReasonCode.valueOf(code), rs.getString("disabled_reason"));
    }
}
