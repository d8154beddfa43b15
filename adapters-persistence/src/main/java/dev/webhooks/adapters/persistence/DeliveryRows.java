package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.RecordedAttempt;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Writes deliveries and their latest attempt to {@code deliveries} rows, and the event rows that hold their bodies: one
 * insert each, one way to bind. An event's deliveries carry at most two different bodies (the CloudEvents and the legacy
 * envelope): the first one made is the event row's {@code body}, the other its {@code other_body}.
 */
final class DeliveryRows {
    static final int BODY = 0;
    static final int OTHER_BODY = 1;
    static final String INSERT = "INSERT INTO deliveries (id, event_ref, envelope, tenant_id, webhook_id, event_id, event_type,"
            + " triggered_at, state, status, attempts, next_attempt_at, last_attempt_at, request_url, request_headers,"
            + " status_code, response_headers, response_body, status_message, traceparent) VALUES (:id, :eventRef, :envelope,"
            + " :tenant, :webhook, :eventId, :eventType, :triggered, :state, :status, :attempts, :next, :at, :url,"
            + " :requestHeaders, :code, :responseHeaders, :responseBody, :message, :traceparent)";
    static final String INSERT_EVENT = "INSERT INTO events (id, idempotency_key, tenant_id, received_at, body, other_body)"
            + " VALUES (:id, :key, :tenant, :received, :body, :otherBody)";

    private final JsonColumns json = new JsonColumns();

    /** Binds an event row: its key ({@code null} for a copy made for a resend) and the bodies its deliveries use. */
    static <S extends SqlStatement<S>> S bindEvent(S statement, UUID id, byte[] key, String tenantId, Instant received,
                                                   byte[] body, byte[] otherBody) {
        return statement.bind("id", BinaryIds.bytes(id)).bind("key", key).bind("tenant", tenantId)
                .bind("received", Timestamps.toColumn(received)).bind("body", body).bind("otherBody", otherBody);
    }

    /** Binds a delivery whose body is the event row {@code eventRef}'s {@code envelope} column. */
    <S extends SqlStatement<S>> S bind(S statement, Delivery delivery, UUID eventRef, int envelope) {
        statement.bind("id", BinaryIds.bytes(delivery.id().value()))
                .bind("eventRef", BinaryIds.bytes(eventRef))
                .bind("envelope", envelope)
                .bind("tenant", delivery.tenantId())
                .bind("webhook", delivery.webhookId().toString())
                .bind("eventId", delivery.eventId())
                .bind("eventType", delivery.eventType())
                .bind("triggered", Timestamps.toColumn(delivery.triggeredAt()))
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
