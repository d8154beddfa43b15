package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.filter.Filter;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.page.Cursor;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.page.SortDirection;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.ConcurrentUpdateException;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
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

/** The repository against the real database (embedded MariaDB, or TEST_DATABASE_URL). */
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
        });

        Webhook found = repository.findById(tenant, webhook.id()).orElseThrow();

        assertThat(found.definition()).isEqualTo(webhook.definition());
        assertThat(found.createdAt()).isEqualTo(webhook.createdAt().truncatedTo(ChronoUnit.MICROS));
        assertThat(found).usingRecursiveComparison().ignoringFields("createdAt", "updatedAt").isEqualTo(webhook);
        assertThat(repository.findById("other-tenant", webhook.id())).isEmpty();
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
        assertThat(repository.disable(webhook.id(), maintenance, clock.plusSeconds(5))).isTrue();
        Webhook found = repository.findById(tenant, webhook.id()).orElseThrow();
        assertThat(found.enabled()).isFalse();
        assertThat(found.disabledReason()).isEqualTo(maintenance);
        assertThat(found.updatedAt()).isEqualTo(clock.plusSeconds(5));
        assertThat(found.version()).isEqualTo(webhook.version() + 1);
        assertThat(repository.disable(webhook.id(), maintenance, clock)).as("already off").isFalse();
        assertThat(repository.disable(WebhookId.random(), maintenance, clock)).isFalse();
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

    @Test
    void filtersByEveryCriterion() {
        Webhook a = stored("Alpha Orders", b -> {
            b.enabled = true;
            b.eventTypes = List.of("com.qlik.v1.app.created", "com.qlik.v1.app.deleted");
        });
        Webhook b2 = stored("beta_100%", b -> b.origin = Origin.MANAGEMENT_CONSOLE);
        Webhook c = stored("gamma", b -> {
            b.level = Level.USER;
            b.ownerId = "carol";
        });
        repository.update(c.redefine(c.definition(), "editor", clock), 150);

        assertThat(ids(query(q -> q.enabled = Optional.of(true)))).containsExactly(a.id());
        assertThat(ids(query(q -> q.name = Optional.of("ORDERS")))).containsExactly(a.id());
        assertThat(ids(query(q -> q.name = Optional.of("a*s")))).containsExactly(a.id());
        assertThat(ids(query(q -> q.name = Optional.of("_100%")))).containsExactly(b2.id());
        assertThat(ids(query(q -> q.name = Optional.of("bet__1")))).isEmpty();
        assertThat(ids(query(q -> q.url = Optional.of("*/gamma")))).containsExactly(c.id());
        assertThat(ids(query(q -> q.eventTypes = Set.of("com.qlik.v1.app.created", "com.qlik.v1.app.deleted")))).containsExactly(a.id());
        assertThat(ids(query(q -> q.origins = Set.of(Origin.MANAGEMENT_CONSOLE, Origin.AUTOMATIONS)))).containsExactly(b2.id());
        assertThat(ids(query(q -> q.level = Optional.of(Level.USER)))).containsExactly(c.id());
        assertThat(ids(query(q -> q.ownerId = Optional.of("carol")))).containsExactly(c.id());
        assertThat(ids(query(q -> q.visibleOnlyTo = Optional.of("carol")))).containsExactly(c.id());
        assertThat(ids(query(q -> q.visibleOnlyTo = Optional.of("owner")))).isEmpty();
        assertThat(ids(query(q -> q.createdByUserId = Optional.of("creator")))).hasSize(3);
        assertThat(ids(query(q -> q.updatedByUserId = Optional.of("editor")))).containsExactly(c.id());
    }

    @Test
    void sortsByEveryFieldBothWays() {
        Webhook b = stored("b", x -> x.url = new WebhookUrl("https://a.example.com"));
        Webhook a = stored("A", x -> x.url = new WebhookUrl("https://c.example.com"));
        Webhook c = stored("c", x -> x.url = new WebhookUrl("https://b.example.com"));
        repository.update(b.redefine(b.definition(), "e", clock.plusSeconds(100)), 150);

        assertThat(ids(sorted("+name"))).containsExactly(a.id(), b.id(), c.id());
        assertThat(ids(sorted("-name"))).containsExactly(c.id(), b.id(), a.id());
        assertThat(ids(sorted("+url"))).containsExactly(b.id(), c.id(), a.id());
        assertThat(ids(sorted("-url"))).containsExactly(a.id(), c.id(), b.id());
        assertThat(ids(sorted("+createdAt"))).containsExactly(b.id(), a.id(), c.id());
        assertThat(ids(sorted("-createdAt"))).containsExactly(c.id(), a.id(), b.id());
        assertThat(ids(sorted("+updatedAt"))).containsExactly(a.id(), c.id(), b.id());
        assertThat(ids(sorted("-updatedAt"))).containsExactly(b.id(), c.id(), a.id());
    }

    @Test
    void walksAllPagesForwardAndBackForEverySort() {
        for (int i = 0; i < 23; i++) {
            stored("page " + (i % 5), b -> { }); // duplicate names exercise the id tie-break
        }
        for (String sortText : List.of("-createdAt", "+createdAt", "+name", "-name", "+url", "-updatedAt")) {
            WebhookSort sort = WebhookSort.parse(sortText);
            List<WebhookId> expected = ids(repository.list(all(), sort, PageRequest.first(100)));
            List<WebhookId> forward = new ArrayList<>();
            Page<Webhook> page = repository.list(all(), sort, PageRequest.first(5));
            assertThat(page.prev()).isEmpty();
            List<Page<Webhook>> pages = new ArrayList<>();
            while (true) {
                pages.add(page);
                forward.addAll(ids(page));
                if (page.next().isEmpty()) {
                    break;
                }
                page = repository.list(all(), sort, new PageRequest(5, page.next()));
            }
            assertThat(forward).as(sortText).containsExactlyElementsOf(expected);
            assertThat(pages).hasSize(5);
            Page<Webhook> back = page;
            for (int i = pages.size() - 2; i >= 0; i--) {
                back = repository.list(all(), sort, new PageRequest(5, back.prev()));
                assertThat(ids(back)).as(sortText + " page " + i).containsExactlyElementsOf(ids(pages.get(i)));
            }
            assertThat(back.prev()).isEmpty();
        }
    }

    @Test
    void pagingSurvivesInsertsAndDeletesBetweenPages() {
        List<Webhook> original = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            original.add(stored("n" + i, b -> { }));
        }
        WebhookSort sort = new WebhookSort(WebhookSort.Field.CREATED_AT, SortDirection.ASC);
        Page<Webhook> first = repository.list(all(), sort, PageRequest.first(4));
        repository.delete(tenant, original.get(2).id()); // already seen
        repository.delete(tenant, original.get(6).id()); // not yet seen
        stored("late", b -> { });                        // newer than everything
        Page<Webhook> second = repository.list(all(), sort, new PageRequest(4, first.next()));
        Page<Webhook> third = repository.list(all(), sort, new PageRequest(4, second.next()));

        List<WebhookId> seen = new ArrayList<>(ids(first));
        seen.addAll(ids(second));
        seen.addAll(ids(third));
        List<WebhookId> survivors = original.stream().map(Webhook::id)
                .filter(id -> !id.equals(original.get(2).id()) && !id.equals(original.get(6).id())).toList();
        assertThat(seen).doesNotHaveDuplicates().containsAll(survivors.subList(2, survivors.size()));
        assertThat(seen).containsSubsequence(survivors);
        assertThat(seen).doesNotContain(original.get(6).id());
    }

    @Test
    void refusesACursorWhoseKeyDoesNotParse() {
        Cursor forged = new Cursor(Cursor.Direction.NEXT, "-createdAt", "not-a-number", UUID.randomUUID().toString());
        assertThatThrownBy(() -> repository.list(all(), WebhookSort.DEFAULT, new PageRequest(5, Optional.of(forged))))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo(ErrorCode.INVALID_CURSOR);
    }

    private WebhookDefinition rename(Webhook webhook, String name) {
        WebhookDefinition.Builder builder = webhook.definition().toBuilder();
        builder.name = name;
        return builder.build();
    }

    private Page<Webhook> sorted(String sort) {
        return repository.list(all(), WebhookSort.parse(sort), PageRequest.first(100));
    }

    /** Mutable stand-in for building a query in one line per test case. */
    private static final class QueryBuilder {
        Optional<String> visibleOnlyTo = Optional.empty();
        Optional<String> createdByUserId = Optional.empty();
        Optional<Boolean> enabled = Optional.empty();
        Set<String> eventTypes = Set.of();
        Optional<Level> level = Optional.empty();
        Optional<String> name = Optional.empty();
        Optional<String> url = Optional.empty();
        Set<Origin> origins = Set.of();
        Optional<String> ownerId = Optional.empty();
        Optional<String> updatedByUserId = Optional.empty();
    }

    private Page<Webhook> query(Consumer<QueryBuilder> customize) {
        QueryBuilder q = new QueryBuilder();
        customize.accept(q);
        WebhookQuery query = new WebhookQuery(tenant, q.visibleOnlyTo, q.createdByUserId, q.enabled, q.eventTypes, q.level,
                q.name, q.url, q.origins, q.ownerId, q.updatedByUserId);
        return repository.list(query, WebhookSort.DEFAULT, PageRequest.first(100));
    }

    private static List<WebhookId> ids(Page<Webhook> page) {
        return page.items().stream().map(Webhook::id).toList();
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
        assertThat(read.definition().secret().reveal()).isEqualTo("rotate-me-0123456789abcdef0123456789");
        assertThat(read.definition().encryptedHeaders().values()).containsEntry("X-Key", "value");
    }
}
