package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.Webhook;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import liquibase.Contexts;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database filled under the layout before the lean store (changesets up to 0010: bodies in every delivery, random
 * CHAR(36) keys) is migrated; its webhooks, pending deliveries, history and idempotency keys are all still there, and its
 * pending deliveries are claimed and delivered.
 */
class LeanStoreMigrationTest {
    private static final int CHANGESETS_BEFORE_THE_LEAN_STORE = 10;
    private static final AesGcmSecretCipher CIPHER = new AesGcmSecretCipher("k1", Map.of("k1", new byte[32]));
    private static final Instant PUBLISHED = Instant.parse("2026-11-30T12:00:00.123456Z");

    private final String database = "migration_" + UUID.randomUUID().toString().replace("-", "");
    private final Jdbi server = TestDatabase.shared().jdbi();

    @AfterEach
    void dropDatabase() {
        server.useHandle(handle -> handle.execute("DROP DATABASE IF EXISTS " + database));
    }

    @Test
    void keepsEverythingAndDeliversWhatWasPending() throws Exception {
        server.useHandle(handle -> handle.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4"));
        DataSourceFactory factory = dataSource();
        migrate(factory, CHANGESETS_BEFORE_THE_LEAN_STORE);
        Jdbi jdbi = Jdbi.create(factory.getUrl(), factory.getUser(), factory.getPassword()).installPlugin(new SqlObjectPlugin());
        Webhook webhook = WebhookFixtures.webhook("acme");
        jdbi.useHandle(handle -> insertOldWebhook(handle, webhook));
        CloudEvent event = WebhookFixtures.event("acme", "before-the-migration");
        String body = "{\"the\":\"exact bytes accepted\",\"ü\":true}";
        String pending = UUID.randomUUID().toString();
        String delivered = UUID.randomUUID().toString();
        jdbi.useHandle(handle -> {
            handle.createUpdate("INSERT INTO events (idempotency_key, tenant_id, source, event_id, type, received_at, body)"
                            + " VALUES (:key, 'acme', :source, :id, :type, :at, :body)")
                    .bind("key", JdbiEventLog.idempotencyKey(event)).bind("source", event.source()).bind("id", event.id())
                    .bind("type", event.type()).bind("at", Timestamps.toColumn(PUBLISHED)).bind("body", body).execute();
            insertOldDelivery(handle, pending, webhook, event, body, "PENDING", "fail", 0);
            insertOldDelivery(handle, delivered, webhook, event, body, "SUCCEEDED", "success", 1);
        });

        migrate(factory, 0);

        JdbiDeliveryHistory history = new JdbiDeliveryHistory(jdbi);
        Delivery old = history.find("acme", webhook.id(), DeliveryId.parse(delivered).orElseThrow()).orElseThrow();
        assertThat(old.state()).isEqualTo(DeliveryState.SUCCEEDED);
        assertThat(new String(old.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(old.lastAttempt().orElseThrow().statusMessage()).isEqualTo("delivered: HTTP 200");
        assertThat(old.triggeredAt()).isEqualTo(PUBLISHED);

        JdbiDeliveryQueue queue = new JdbiDeliveryQueue(jdbi, CIPHER);
        List<DeliveryQueue.Claimed> claimed = queue.claim(List.of(new DeliveryQueue.ClaimRequest("acme", webhook.id(), 10)),
                Instant.now(), Duration.ofMinutes(1));
        assertThat(claimed).singleElement().satisfies(c -> {
            assertThat(c.delivery().id().toString()).isEqualTo(pending);
            assertThat(new String(c.delivery().body(), StandardCharsets.UTF_8)).isEqualTo(body);
        });
        queue.record(List.of(new DeliveryQueue.AttemptRecord(claimed.get(0).delivery().id(), DeliveryState.SUCCEEDED,
                Optional.empty(), Optional.of(new RecordedAttempt(Instant.now(), "https://receiver.example.com/hook", Map.of(),
                        200, Map.of(), "", "delivered: HTTP 200")))), List.of());
        assertThat(history.find("acme", webhook.id(), claimed.get(0).delivery().id()).orElseThrow().state())
                .isEqualTo(DeliveryState.SUCCEEDED);

        assertThat(new JdbiEventLog(jdbi, CIPHER).append(List.of(event), (e, subscribed) -> List.of()))
                .as("publishing the same event again is still a repeat").containsExactly(false);
    }

    /** A webhook row as the layout of 0010 has it (the repository writes today's layout). */
    private static void insertOldWebhook(org.jdbi.v3.core.Handle handle, Webhook webhook) {
        handle.createUpdate("INSERT INTO webhooks (id, tenant_id, name, url, level, owner_id, event_types, headers,"
                        + " encrypted_header_names, enabled, enable_cloud_event_delivery, check_certificate_revocation, origin,"
                        + " created_at, updated_at, created_by_user_id, updated_by_user_id, version) VALUES (:id, :tenant, :name,"
                        + " :url, 'tenant', :owner, :types, '{}', '[]', TRUE, TRUE, FALSE, 'api', :at, :at, :owner, :owner, 0)")
                .bind("id", webhook.id().toString()).bind("tenant", webhook.tenantId()).bind("name", webhook.definition().name())
                .bind("url", webhook.definition().url().value()).bind("owner", webhook.ownerId())
                .bind("types", "[\"" + webhook.definition().eventTypes().get(0) + "\"]")
                .bind("at", Timestamps.toColumn(PUBLISHED)).execute();
        handle.createUpdate("INSERT INTO webhook_event_types (webhook_id, tenant_id, event_type) VALUES (:id, :tenant, :type)")
                .bind("id", webhook.id().toString()).bind("tenant", webhook.tenantId())
                .bind("type", webhook.definition().eventTypes().get(0)).execute();
    }

    private static void insertOldDelivery(org.jdbi.v3.core.Handle handle, String id, Webhook webhook, CloudEvent event,
                                          String body, String state, String status, int attempts) {
        boolean attempted = attempts > 0;
        handle.createUpdate("INSERT INTO deliveries (id, tenant_id, webhook_id, event_id, event_type, triggered_at, body, state,"
                        + " status, attempts, next_attempt_at, last_attempt_at, request_url, request_headers, status_code,"
                        + " response_headers, response_body, status_message) VALUES (:id, 'acme', :webhook, :event, :type, :at,"
                        + " :body, :state, :status, :attempts, :next, :last, :url, :headers, :code, :headers, :responseBody, :message)")
                .bind("id", id).bind("webhook", webhook.id().toString()).bind("event", event.id()).bind("type", event.type())
                .bind("at", Timestamps.toColumn(PUBLISHED)).bind("body", body).bind("state", state).bind("status", status)
                .bind("attempts", attempts).bind("next", attempted ? null : Timestamps.toColumn(PUBLISHED))
                .bind("last", attempted ? Timestamps.toColumn(PUBLISHED) : null)
                .bind("url", attempted ? "https://receiver.example.com/hook" : null).bind("headers", attempted ? "{}" : null)
                .bind("code", attempted ? 200 : null).bind("responseBody", attempted ? "" : null)
                .bind("message", attempted ? "delivered: HTTP 200" : null).execute();
    }

    private DataSourceFactory dataSource() {
        TestDatabase shared = TestDatabase.shared();
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("com.mysql.cj.jdbc.Driver");
        factory.setUrl(shared.jdbcUrl().replaceFirst("(jdbc:mysql://[^/]+/)[^?]*", "$1" + database));
        factory.setUser(shared.user());
        factory.setPassword(shared.password());
        return factory;
    }

    /** Applies the first {@code changesets} changesets of the changelog, or all of them for 0. */
    private static void migrate(DataSourceFactory factory, int changesets) throws Exception {
        ManagedDataSource dataSource = factory.build(new MetricRegistry(), "migration-test");
        try (CloseableLiquibaseWithClassPathMigrationsFile liquibase =
                     new CloseableLiquibaseWithClassPathMigrationsFile(dataSource, SchemaMigration.CHANGELOG)) {
            if (changesets > 0) {
                liquibase.update(changesets, "");
            } else {
                liquibase.update(new Contexts());
            }
        }
    }
}
