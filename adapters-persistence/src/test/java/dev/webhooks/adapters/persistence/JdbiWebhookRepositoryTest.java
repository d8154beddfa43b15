package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.filter.Filter;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.ConcurrentUpdateException;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.DisabledWebhook;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.HeaderMap;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.Secret;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookQuotaExceededException;
import dev.webhooks.domain.webhook.WebhookSort;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The repository against the real database (embedded MariaDB, or TEST_DATABASE_URL). Its list (filters, sorts, pages)
 * is the shared {@link dev.webhooks.domain.fixtures.WebhookListContract}, run here by {@link JdbiWebhookListTest}.
 */
class JdbiWebhookRepositoryTest {
    private static final TestDatabase DATABASE = TestDatabase.shared();
    private static final AesGcmSecretCipher CIPHER = new AesGcmSecretCipher("k1", Map.of("k1", new byte[32]));

    private final JdbiWebhookRepository repository = new JdbiWebhookRepository(DATABASE.jdbi(), CIPHER);
    private final String tenant = "t-" + UUID.randomUUID();
    private Instant clock = Instant.parse("2026-01-01T00:00:00.123456Z");

    /** A disabled webhook named {@code name}, owned by "owner", created by "creator" a second after the previous one. */
    private Webhook webhook(String name, Consumer<WebhookDefinition.Builder> customize) {
        WebhookDefinition definition = WebhookFixtures.definition(b -> {
            b.name = name;
            b.url = new WebhookUrl("https://receiver.example.com/" + name.replaceAll("[^A-Za-z0-9]", "-"));
            b.ownerId = "owner";
            b.enabled = false;
            customize.accept(b);
        });
        clock = clock.plusSeconds(1);
        return Webhook.create(WebhookId.random(), tenant, definition, "creator", clock);
    }

    private Webhook stored(String name, Consumer<WebhookDefinition.Builder> customize) {
        Webhook webhook = webhook(name, customize);
        repository.insert(webhook, 150);
        return webhook;
    }

    private WebhookQuery all() {
        return new WebhookQuery(tenant, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
    }

    @Test
    void roundTripsEveryField() {
        Webhook webhook = stored("full", b -> {
            b.description = "describes";
            b.level = Level.USER;
            b.eventTypes = List.of("com.qlik.v1.app.reload.finished");
            b.filter = Filter.parse("data.status eq \"ok\"");
            b.headers = new HeaderMap("headers", Map.of("X-Team", "blue"));
            b.encryptedHeaders = new HeaderMap("encryptedHeaders", Map.of("Authorization", "Bearer secret-token"));
            b.secret = new Secret("0123456789abcdef0123456789abcdef");
            b.enabled = true;
            b.checkCertificateRevocation = true;
            b.origin = Origin.AUTOMATIONS;
            b.maxDeliveriesPerSecond = new DeliveryRate(20);
            b.orderedDelivery = true;
        });

        Webhook found = repository.findById(tenant, webhook.id()).orElseThrow();

        assertThat(found.definition()).isEqualTo(webhook.definition());
        assertThat(found.createdAt()).isEqualTo(webhook.createdAt().truncatedTo(ChronoUnit.MICROS));
        assertThat(found).usingRecursiveComparison().ignoringFields("createdAt", "updatedAt").isEqualTo(webhook);
        assertThat(repository.findById("other-tenant", webhook.id())).isEmpty();
    }

    @Test
    void updatesAndClearsTheRateLimit() {
        Webhook webhook = stored("limited", b -> b.maxDeliveriesPerSecond = null);
        WebhookDefinition.Builder limited = webhook.definition().toBuilder();
        limited.maxDeliveriesPerSecond = new DeliveryRate(7);
        Webhook updated = repository.update(webhook.redefine(limited.build(), "editor", clock), 150);

        assertThat(repository.findById(tenant, webhook.id()).orElseThrow().definition().rateLimit()).contains(new DeliveryRate(7));

        WebhookDefinition.Builder unlimited = updated.definition().toBuilder();
        unlimited.maxDeliveriesPerSecond = null;
        repository.update(updated.redefine(unlimited.build(), "editor", clock), 150);
        assertThat(repository.findById(tenant, webhook.id()).orElseThrow().definition().rateLimit()).isEmpty();
    }

    @Test
    void storesUpdatesAndClearsOrderedDelivery() {
        Webhook webhook = stored("ordered", b -> b.orderedDelivery = false);
        assertThat(repository.findById(tenant, webhook.id()).orElseThrow().definition().orderedDelivery()).isFalse();

        WebhookDefinition.Builder ordered = webhook.definition().toBuilder();
        ordered.orderedDelivery = true;
        Webhook updated = repository.update(webhook.redefine(ordered.build(), "editor", clock), 150);
        assertThat(repository.findById(tenant, webhook.id()).orElseThrow().definition().orderedDelivery()).isTrue();
        assertThat(repository.list(all(), WebhookSort.DEFAULT, PageRequest.first(10)).items())
                .extracting(found -> found.definition().orderedDelivery()).containsExactly(true);

        WebhookDefinition.Builder unordered = updated.definition().toBuilder();
        unordered.orderedDelivery = false;
        repository.update(updated.redefine(unordered.build(), "editor", clock), 150);
        assertThat(repository.findById(tenant, webhook.id()).orElseThrow().definition().orderedDelivery()).isFalse();
    }

    @Test
    void keepsSecretsEncryptedAtRest() {
        Webhook webhook = stored("secret", b -> {
            b.secret = new Secret("plaintext-secret-value-0123456789");
            b.encryptedHeaders = new HeaderMap("encryptedHeaders", Map.of("X-Api-Key", "plaintext-header-value"));
        });

        Map<String, Object> raw = DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT * FROM webhooks WHERE id = :id")
                .bind("id", webhook.id().toString()).mapToMap().one());

        String everything = raw.values().toString();
        assertThat(everything).doesNotContain("plaintext-secret-value").doesNotContain("plaintext-header-value")
                .contains("X-Api-Key").contains("v1:k1:");
    }

    /** The stored webhook after its secret was replaced by {@code next}, the old one valid for a day more. */
    private Webhook rotated(JdbiWebhookRepository into, Webhook webhook, String next) {
        WebhookDefinition.Builder changed = webhook.definition().toBuilder();
        changed.secret = new Secret(next);
        return into.update(webhook.redefine(changed.build(), "editor", clock, java.time.Duration.ofDays(1)), 150);
    }

    @Test
    void keepsThePreviousSecretEncryptedAndReadsItBack() {
        Webhook webhook = stored("rotation", b -> b.secret = new Secret("previous-plaintext-0123456789abcdef"));

        rotated(repository, webhook, "current-plaintext-0123456789abcdef");

        Webhook found = repository.findById(tenant, webhook.id()).orElseThrow();
        assertThat(found.definition().secret().reveal()).isEqualTo("current-plaintext-0123456789abcdef");
        assertThat(found.previousSecretAt(clock).orElseThrow().reveal()).isEqualTo("previous-plaintext-0123456789abcdef");
        assertThat(found.previousSecretExpiresAt(clock)).contains(clock.plus(java.time.Duration.ofDays(1)).truncatedTo(ChronoUnit.MICROS));
        Map<String, Object> raw = DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT * FROM webhooks WHERE id = :id")
                .bind("id", webhook.id().toString()).mapToMap().one());
        assertThat(raw.values().toString()).doesNotContain("plaintext");
        assertThat((String) raw.get("previous_secret")).startsWith("v1:k1:");
    }

    @Test
    void updatesGuardedByVersion() {
        Webhook webhook = stored("v", b -> { });
        Webhook renamed = webhook.redefine(rename(webhook, "v2"), "editor", clock.plusSeconds(5));

        Webhook saved = repository.update(renamed, 150);

        assertThat(saved.version()).isEqualTo(1);
        assertThat(repository.findById(tenant, webhook.id()).orElseThrow().definition().name()).isEqualTo("v2");
        assertThatThrownBy(() -> repository.update(renamed, 150)).isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void disablesAnEnabledWebhookSayingWhy() {
        Webhook webhook = stored("d", b -> b.enabled = true);
        DisabledReason maintenance = new DisabledReason(DisabledReasonCode.DISABLED_BY_OPERATOR, "maintenance");
        assertThat(repository.disable(webhook.id(), maintenance, clock.plusSeconds(5))).contains(new DisabledWebhook(
                webhook.id(), tenant, "d", "owner", webhook.version() + 1));
        Webhook found = repository.findById(tenant, webhook.id()).orElseThrow();
        assertThat(found.enabled()).isFalse();
        assertThat(found.disabledReason()).isEqualTo(maintenance);
        assertThat(found.updatedAt()).isEqualTo(clock.plusSeconds(5));
        assertThat(found.version()).isEqualTo(webhook.version() + 1);
        assertThat(repository.disable(webhook.id(), maintenance, clock)).as("already off").isEmpty();
        assertThat(repository.disable(WebhookId.random(), maintenance, clock)).isEmpty();
    }

    @Test
    void deletes() {
        Webhook webhook = stored("gone", b -> { });
        assertThat(repository.delete(tenant, webhook.id())).isTrue();
        assertThat(repository.delete(tenant, webhook.id())).isFalse();
        assertThat(repository.findById(tenant, webhook.id())).isEmpty();
        int types = DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_event_types WHERE webhook_id = :id")
                .bind("id", webhook.id().toString()).mapTo(Integer.class).one());
        assertThat(types).isZero();
    }

    @Test
    void enforcesTheOwnerQuotaAtomically() throws Exception {
        for (int i = 0; i < 5; i++) {
            repository.insert(webhook("q" + i, b -> { }), 8);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Webhook candidate = webhook("race" + i, b -> { });
            attempts.add(pool.submit(() -> {
                try {
                    repository.insert(candidate, 8);
                } catch (WebhookQuotaExceededException e) {
                    refused.incrementAndGet();
                }
            }));
        }
        for (Future<?> attempt : attempts) {
            attempt.get();
        }
        pool.shutdown();
        assertThat(refused.get()).isEqualTo(5);
        assertThat(repository.list(all(), WebhookSort.DEFAULT, PageRequest.first(100)).items()).hasSize(8);
    }

    @Test
    void quotaAppliesWhenOwnershipMoves() {
        stored("mine", b -> b.ownerId = "full");
        Webhook other = stored("theirs", b -> b.ownerId = "someone");
        WebhookDefinition.Builder moved = other.definition().toBuilder();
        moved.ownerId = "full";
        assertThatThrownBy(() -> repository.update(other.redefine(moved.build(), "admin", clock), 1))
                .isInstanceOf(WebhookQuotaExceededException.class);
    }

    private WebhookDefinition rename(Webhook webhook, String name) {
        WebhookDefinition.Builder builder = webhook.definition().toBuilder();
        builder.name = name;
        return builder.build();
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void rotatesToTheCurrentKeyAndKeepsEverythingReadable() {
        byte[] oldKey = new byte[32];  // "k1", the key every test of this class writes with
        byte[] newKey = new byte[32];
        newKey[0] = 7;
        JdbiWebhookRepository before = new JdbiWebhookRepository(DATABASE.jdbi(), new AesGcmSecretCipher("k1", Map.of("k1", oldKey)));
        Webhook webhook = webhook("rotate", b -> {
            b.secret = new Secret("rotate-me-0123456789abcdef0123456789");
            b.encryptedHeaders = new HeaderMap("encryptedHeaders", Map.of("X-Key", "value"));
        });
        before.insert(webhook, 150);
        rotated(before, webhook, "rotated-in-0123456789abcdef0123456789");

        JdbiWebhookRepository rotating = new JdbiWebhookRepository(DATABASE.jdbi(),
                new AesGcmSecretCipher("new", Map.of("k1", oldKey, "new", newKey)));
        int rotated = 0;
        Optional<String> after = Optional.empty();
        do {
            WebhookRepository.ReencryptionBatch batch = rotating.reencryptWithCurrentKey(after, 50);
            rotated += batch.reencrypted();
            after = batch.lastId();
        } while (after.isPresent());

        assertThat(rotated).isGreaterThanOrEqualTo(1);
        JdbiWebhookRepository afterOldKeyRemoved = new JdbiWebhookRepository(DATABASE.jdbi(),
                new AesGcmSecretCipher("new", Map.of("new", newKey)));
        Webhook read = afterOldKeyRemoved.findById(tenant, webhook.id()).orElseThrow();
        assertThat(read.definition().secret().reveal()).isEqualTo("rotated-in-0123456789abcdef0123456789");
        assertThat(read.previousSecretAt(clock).orElseThrow().reveal()).isEqualTo("rotate-me-0123456789abcdef0123456789");
        assertThat(read.definition().encryptedHeaders().values()).containsEntry("X-Key", "value");
    }
}
