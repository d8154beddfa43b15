package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.webhook.WebhookId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads a {@code deliveries} row ({@code d}) with its body from the event row it points at ({@code e}): select
 * {@link #COLUMNS} {@code FROM} {@link #FROM}.
 */
final class DeliveryRowMapper implements RowMapper<Delivery> {
    static final String FROM = "deliveries d JOIN events e ON e.id = d.event_ref";
    static final String COLUMNS = "d.id, d.tenant_id, d.webhook_id, d.event_id, d.event_type, d.triggered_at,"
            + " IF(d.envelope = " + DeliveryRows.OTHER_BODY + ", e.other_body, e.body) AS body, d.state, d.attempts,"
            + " d.next_attempt_at, d.last_attempt_at, d.request_url, d.request_headers, d.status_code, d.response_headers,"
            + " d.response_body, d.status_message, d.traceparent";

    private final JsonColumns json = new JsonColumns();

    @Override
    public Delivery map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Delivery(new DeliveryId(BinaryIds.uuid(rs.getBytes("id"))), rs.getString("tenant_id"),
                new WebhookId(UUID.fromString(rs.getString("webhook_id"))), rs.getString("event_id"),
                rs.getString("event_type"), Timestamps.read(rs, "triggered_at"),
                rs.getBytes("body"), DeliveryState.valueOf(rs.getString("state")),
                rs.getInt("attempts"), rs.getObject("next_attempt_at") == null ? null : Timestamps.read(rs, "next_attempt_at"),
                lastAttempt(rs), Optional.ofNullable(rs.getString("traceparent")));
    }

    private Optional<RecordedAttempt> lastAttempt(ResultSet rs) throws SQLException {
        if (rs.getObject("last_attempt_at") == null) {
            return Optional.empty();
        }
        return Optional.of(new RecordedAttempt(Timestamps.read(rs, "last_attempt_at"), rs.getString("request_url"),
                json.readMap(rs.getString("request_headers")), rs.getInt("status_code"),
                json.readMap(rs.getString("response_headers")), rs.getString("response_body"), rs.getString("status_message")));
    }
}
