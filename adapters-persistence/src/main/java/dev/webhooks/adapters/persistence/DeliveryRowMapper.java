package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.webhook.WebhookId;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code deliveries} row. */
final class DeliveryRowMapper implements RowMapper<Delivery> {
    static final String COLUMNS = "id, tenant_id, webhook_id, event_id, event_type, triggered_at, body, state, attempts,"
            + " next_attempt_at, last_attempt_at, request_url, request_headers, status_code, response_headers,"
            + " response_body, status_message, traceparent";

    private final JsonColumns json = new JsonColumns();

    @Override
    public Delivery map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Delivery(new DeliveryId(UUID.fromString(rs.getString("id"))), rs.getString("tenant_id"),
                new WebhookId(UUID.fromString(rs.getString("webhook_id"))), rs.getString("event_id"),
                rs.getString("event_type"), Timestamps.read(rs, "triggered_at"),
                rs.getString("body").getBytes(StandardCharsets.UTF_8), DeliveryState.valueOf(rs.getString("state")),
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
