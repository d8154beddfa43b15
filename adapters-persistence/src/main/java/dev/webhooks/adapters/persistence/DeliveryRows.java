package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.RecordedAttempt;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.statement.SqlStatement;

/** Writes deliveries and their latest attempt to {@code deliveries} rows: one insert, one way to bind. */
final class DeliveryRows {
    static final String INSERT = "INSERT INTO deliveries (id, tenant_id, webhook_id, event_id, event_type, triggered_at,"
            + " body, state, status, attempts, next_attempt_at, last_attempt_at, request_url, request_headers, status_code,"
            + " response_headers, response_body, status_message, traceparent) VALUES (:id, :tenant, :webhook, :eventId,"
            + " :eventType, :triggered, :body, :state, :status, :attempts, :next, :at, :url, :requestHeaders, :code,"
            + " :responseHeaders, :responseBody, :message, :traceparent)";

    private final JsonColumns json = new JsonColumns();

    <S extends SqlStatement<S>> S bind(S statement, Delivery delivery) {
        statement.bind("id", delivery.id().toString())
                .bind("tenant", delivery.tenantId())
                .bind("webhook", delivery.webhookId().toString())
                .bind("eventId", delivery.eventId())
                .bind("eventType", delivery.eventType())
                .bind("triggered", Timestamps.toColumn(delivery.triggeredAt()))
                .bind("body", new String(delivery.body(), StandardCharsets.UTF_8))
                .bind("attempts", delivery.attempts())
                .bind("traceparent", delivery.traceparent().orElse(null));
        bindState(statement, delivery.state(), delivery.state() == DeliveryState.PENDING ? delivery.nextAttemptAt() : null);
        return delivery.lastAttempt().map(attempt -> bindAttempt(statement, attempt)).orElseGet(() -> bindNoAttempt(statement));
    }

    <S extends SqlStatement<S>> S bindState(S statement, DeliveryState state, java.time.Instant nextAttemptAt) {
        return statement.bind("state", state.name())
                .bind("status", state == DeliveryState.SUCCEEDED ? "success" : "fail")
                .bind("next", nextAttemptAt == null ? null : Timestamps.toColumn(nextAttemptAt));
    }

    <S extends SqlStatement<S>> S bindAttempt(S statement, RecordedAttempt attempt) {
        return statement.bind("at", Timestamps.toColumn(attempt.at()))
                .bind("url", attempt.url())
                .bind("requestHeaders", json.write(attempt.requestHeaders()))
                .bind("code", attempt.statusCode() == 0 ? null : attempt.statusCode())
                .bind("responseHeaders", json.write(attempt.responseHeaders()))
                .bind("responseBody", attempt.responseBody())
                .bind("message", attempt.statusMessage());
    }

    private static <S extends SqlStatement<S>> S bindNoAttempt(S statement) {
        for (String name : new String[] {"at", "url", "requestHeaders", "code", "responseHeaders", "responseBody", "message"}) {
            statement.bindNull(name, java.sql.Types.VARCHAR);
        }
        return statement;
    }
}
