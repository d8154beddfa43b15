package dev.webhooks.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import dev.webhooks.domain.AccessDeniedException;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.webhook.WebhookNotFoundException;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorMappingTest {
    static final ApiFixture API = new ApiFixture();
    static final ResourceExtension RESOURCES = API.resources;
    static final String ID = "0b6f6f2e-8a4e-4a55-9d5e-6f0a3c1c2b11";

    @BeforeEach
    void setUp() {
        API.resetMocks();
    }

    private static Map<String, Object> assertError(Response response, int status, String code, String detailFragment) {
        assertThat(response.getStatus()).isEqualTo(status);
        Map<String, Object> body = ErrorBodies.read(response);
        assertThat(ErrorBodies.code(body)).as(body.toString()).isEqualTo(code);
        assertThat(ErrorBodies.detail(body)).as(body.toString()).contains(detailFragment);
        assertThat((String) body.get("traceId")).matches("[0-9a-f]{32}");
        return body;
    }

    @Test
    void unknownRouteIsNotFound() {
        assertError(API.admin("/api/v1/nothing-here").get(), 404, "NOT_FOUND", "no such resource");
    }

    @Test
    void wrongMethodIsNotAllowedAndKeepsAllow() {
        Response response = API.admin("/api/v1/webhooks").delete();
        assertThat(response.getHeaderString("Allow")).contains("GET").contains("POST");
        assertError(response, 405, "METHOD_NOT_ALLOWED", "Allow");
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        assertError(API.admin("/api/v1/webhooks").post(Entity.text("hello")), 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
    }

    @Test
    void unacceptableAcceptIsNotAcceptable() {
        assertError(API.admin("/api/v1/webhooks").accept(MediaType.TEXT_HTML).get(), 406, "NOT_ACCEPTABLE", "application/json");
    }

    @Test
    void malformedJsonIsReported() {
        assertError(API.admin("/api/v1/webhooks").post(Entity.json("{\"name\": ")), 400, "MALFORMED_JSON", "not valid JSON");
    }

    @Test
    void wrongFieldTypeNamesTheFieldWithoutJavaNames() {
        Map<String, Object> body = assertError(API.admin("/api/v1/webhooks").post(Entity.json("{\"name\":\"x\",\"enabled\":\"yes\"}")),
                400, "MALFORMED_JSON", "'enabled' must be a boolean");
        assertThat(body.toString()).doesNotContain("java.").doesNotContain("Boolean");
        assertError(API.admin("/api/v1/webhooks").post(Entity.json("{\"name\":\"x\",\"enabled\":\"true\"}")),
                400, "MALFORMED_JSON", "'enabled' must be a boolean");
        assertError(API.admin("/api/v1/webhooks").post(Entity.json("{\"name\":\"x\",\"enabled\":1}")),
                400, "MALFORMED_JSON", "'enabled' must be a boolean");
        assertError(API.admin("/api/v1/webhooks").post(Entity.json("{\"name\":42}")), 400, "MALFORMED_JSON", "'name' must be a string");
        assertError(API.admin("/api/v1/webhooks").post(Entity.json("{\"name\":\"x\",\"eventTypes\":[true]}")),
                400, "MALFORMED_JSON", "'eventTypes[0]' must be a string");
        assertError(API.admin("/api/v1/webhooks").post(Entity.json("{\"headers\":[1]}")), 400, "MALFORMED_JSON", "'headers' must be an object");
        assertError(API.admin("/api/v1/webhooks").post(Entity.json("{\"eventTypes\":[{}]}")), 400, "MALFORMED_JSON", "'eventTypes[0]' must be a string");
        assertError(API.admin("/api/v1/webhooks").post(Entity.json("[]")), 400, "MALFORMED_JSON", "the request body must be an object");
    }

    @Test
    void missingBodyIsMalformedJson() {
        assertError(API.admin("/api/v1/webhooks").post(Entity.json("")), 400, "MALFORMED_JSON", "body is required");
        assertError(API.admin("/api/v1/webhooks/" + ID).put(Entity.json("")), 400, "MALFORMED_JSON", "body is required");
        assertError(API.admin("/api/v1/webhooks/" + ID).method("PATCH", Entity.json("")), 400, "MALFORMED_JSON", "body is required");
    }

    @Test
    void domainErrorsKeepTheirCodeAndDetail() {
        when(API.get.get(any(), anyString())).thenThrow(new WebhookNotFoundException(ID));
        assertError(API.admin("/api/v1/webhooks/" + ID).get(), 404, "WEBHOOK_NOT_FOUND", ID);
        org.mockito.Mockito.doThrow(new AccessDeniedException(ErrorCode.FORBIDDEN, "only owners may delete"))
                .when(API.delete).delete(any(), anyString());
        assertError(API.admin("/api/v1/webhooks/" + ID).delete(), 403, "FORBIDDEN", "only owners");
        org.mockito.Mockito.doThrow(new dev.webhooks.domain.webhook.ConcurrentUpdateException(
                dev.webhooks.domain.webhook.WebhookId.random())).when(API.get).get(any(), anyString());
        assertError(API.admin("/api/v1/webhooks/" + ID).get(), 409, "CONCURRENT_UPDATE", "retry");
    }

    @Test
    void unexpectedErrorsAreGenericAndLeakNothing() {
        when(API.get.get(any(), anyString())).thenThrow(new IllegalStateException("db password is hunter2"));
        Response response = API.admin("/api/v1/webhooks/" + ID).get();
        Map<String, Object> body = assertError(response, 500, "INTERNAL_ERROR", "unexpected");
        assertThat(body.toString()).doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("java.");
    }

    @Test
    void lostDatabaseConnectionIsUnavailable() {
        when(API.get.get(any(), anyString()))
                .thenThrow(new RuntimeException("wrapped", new SQLTransientConnectionException("pool exhausted")));
        Map<String, Object> body = assertError(API.admin("/api/v1/webhooks/" + ID).get(), 503, "SERVICE_UNAVAILABLE", "retry");
        assertThat(body.toString()).doesNotContain("pool exhausted");
    }

    @Test
    void aConnectionLostMidRequestIsUnavailable() {
        when(API.get.get(any(), anyString())).thenThrow(new RuntimeException("wrapped",
                new SQLRecoverableException("Communications link failure", "08S01", new java.io.EOFException("lost"))));
        assertError(API.admin("/api/v1/webhooks/" + ID).get(), 503, "SERVICE_UNAVAILABLE", "retry");
    }

    @Test
    void aDeadlockVictimIsUnavailable() {
        when(API.get.get(any(), anyString())).thenThrow(new RuntimeException("wrapped",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting transaction")));
        assertError(API.admin("/api/v1/webhooks/" + ID).get(), 503, "SERVICE_UNAVAILABLE", "retry");
    }

    @Test
    void aPoolThatHandsOutNoConnectionInTimeIsUnavailableWithRetryAfter() {
        when(API.get.get(any(), anyString())).thenThrow(new RuntimeException("Unable to acquire a connection",
                new SQLTransientConnectionException("no database connection within 2 s", "08001",
                        new java.sql.SQLException("Timeout: Pool empty. Unable to fetch a connection in 2 seconds"))));
        Response response = API.admin("/api/v1/webhooks/" + ID).get();
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        Map<String, Object> body = assertError(response, 503, "SERVICE_UNAVAILABLE", "retry");
        assertThat(ErrorBodies.first(body)).containsEntry("title", "Service Unavailable");
        assertThat(body.toString()).doesNotContain("Pool empty");
    }

    @Test
    void aSocketTimeoutMidQueryIsUnavailable() {
        when(API.get.get(any(), anyString())).thenThrow(new RuntimeException("wrapped", new SQLRecoverableException(
                "Communications link failure", "08S01", new java.net.SocketTimeoutException("Read timed out"))));
        assertError(API.admin("/api/v1/webhooks/" + ID).get(), 503, "SERVICE_UNAVAILABLE", "retry");
    }

    @Test
    void aStatementTimeoutIsUnavailable() {
        when(API.get.get(any(), anyString())).thenThrow(new RuntimeException("wrapped",
                new java.sql.SQLTimeoutException("Statement cancelled due to timeout or client request")));
        assertError(API.admin("/api/v1/webhooks/" + ID).get(), 503, "SERVICE_UNAVAILABLE", "retry");
    }

    @Test
    void aConnectionErrorOfAnyExceptionTypeIsUnavailable() {
        when(API.get.get(any(), anyString())).thenThrow(new RuntimeException("wrapped",
                new SQLException("Could not create connection to database server", "08001")));
        assertError(API.admin("/api/v1/webhooks/" + ID).get(), 503, "SERVICE_UNAVAILABLE", "retry");
    }

    @Test
    void anInterruptedQueryIsUnavailable() {
        when(API.get.get(any(), anyString())).thenThrow(new RuntimeException("wrapped",
                new SQLNonTransientException("Query execution was interrupted (max_statement_time exceeded)", "70100", 1969)));
        assertError(API.admin("/api/v1/webhooks/" + ID).get(), 503, "SERVICE_UNAVAILABLE", "retry");
    }

    @Test
    void aPublishThatCannotReachTheDatabaseIsUnavailable() {
        when(API.publish.publish(any(), any(), any())).thenThrow(new RuntimeException("wrapped",
                new SQLRecoverableException("Communications link failure", "08S01")));
        Response response = API.target("/api/v1/events").request()
                .header("Authorization", "Bearer " + API.tokens.user(ApiFixture.TENANT, "admin", "TenantAdmin"))
                .post(Entity.entity("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"s\",\"type\":"
                        + "\"com.qlik.v1.app.created\",\"tenantid\":\"acme\"}", "application/cloudevents+json"));
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertError(response, 503, "SERVICE_UNAVAILABLE", "retry");
    }

    @Test
    void unavailableAnswersMakeAnOutageAndOtherFailuresDoNot() {
        when(API.get.get(any(), anyString())).thenThrow(new RuntimeException("wrapped",
                new SQLSyntaxErrorException("You have an error in your SQL syntax")));
        API.admin("/api/v1/webhooks/" + ID).get();
        assertThat(API.databaseOutage.isOngoing()).as("after a 500").isFalse();
        org.mockito.Mockito.doThrow(new RuntimeException("wrapped", new SQLRecoverableException("Communications link failure", "08S01")))
                .when(API.get).get(any(), anyString());
        API.admin("/api/v1/webhooks/" + ID).get();
        assertThat(API.databaseOutage.isOngoing()).as("after a 503").isTrue();
    }

    @Test
    void otherDatabaseErrorsAreInternal() {
        when(API.get.get(any(), anyString())).thenThrow(new RuntimeException("wrapped",
                new SQLSyntaxErrorException("You have an error in your SQL syntax")));
        assertError(API.admin("/api/v1/webhooks/" + ID).get(), 500, "INTERNAL_ERROR", "unexpected");
    }

    @Test
    void traceIdComesFromAValidTraceparent() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Response response = API.admin("/api/v1/nothing-here")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").get();
        assertThat(ErrorBodies.read(response)).containsEntry("traceId", traceId);
        Response invalid = API.admin("/api/v1/nothing-here")
                .header("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01").get();
        assertThat(ErrorBodies.read(invalid).get("traceId")).isNotEqualTo("0".repeat(32));
    }
}
