package dev.webhooks.application.webhook;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.ALICE;
import static dev.webhooks.domain.fixtures.Callers.BOB;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.application.event.Announcements;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.HeaderMap;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.PatchOperation;
import dev.webhooks.domain.webhook.TargetPolicy;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Patching a webhook: the operations apply all or nothing, under the same access rules and checks as a replace. */
class PatchWebhookTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final WebhookRules RULES = new WebhookRules(EventTypeCatalog.builtIn(), TargetPolicy.STRICT);
    private static final java.time.Duration GRACE = java.time.Duration.ofHours(24);
    private static final String OLD_SECRET = "old-secret-old-secret-old-secret";
    private static final String NEW_SECRET = "new-secret-new-secret-new-secret";

    private final InMemoryWebhookRepository repository = new InMemoryWebhookRepository();
    private final InMemoryEventLog events = new InMemoryEventLog(repository, new InMemoryDeliveryQueue(repository),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final PatchWebhook patch = new PatchWebhook(repository, RULES, Clock.fixed(NOW, ZoneOffset.UTC), 150,
            GRACE, Announcements.into(events, Clock.fixed(NOW, ZoneOffset.UTC)));

    private Webhook stored(Consumer<WebhookDefinition.Builder> customize) {
        Webhook webhook = WebhookFixtures.webhook("acme", customize);
        repository.insert(webhook, 150);
        return webhook;
    }

    private Webhook current(Webhook webhook) {
        return repository.findById("acme", webhook.id()).orElseThrow();
    }

    private static PatchOperation replace(String path, Object value) {
        return new PatchOperation(PatchOperation.Op.REPLACE, path, value);
    }

    private Webhook patch(Webhook webhook, PatchOperation... operations) {
        return patch.patch(ADMIN, webhook.id().toString(), List.of(operations));
    }

    @Test
    void appliesEveryOperationAndStoresTheResult() {
        Webhook webhook = stored(b -> b.enabled = false);

        Webhook patched = patch(webhook, replace("/name", "renamed"),
                new PatchOperation(PatchOperation.Op.ADD, "/description", "why"), replace("/enabled", true));

        assertThat(current(webhook)).isEqualTo(patched);
        assertThat(patched.definition().name()).isEqualTo("renamed");
        assertThat(patched.definition().description()).isEqualTo("why");
        assertThat(patched.enabled()).isTrue();
        assertThat(patched.definition().eventTypes()).as("untouched fields stay").isEqualTo(webhook.definition().eventTypes());
        assertThat(patched.version()).isEqualTo(webhook.version() + 1);
        assertThat(patched.updatedByUserId()).isEqualTo("root");
        assertThat(patched.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void oneBadOperationAndNothingChanges() {
        Webhook webhook = stored(b -> { });

        assertRefused(() -> patch(webhook, replace("/name", "renamed"), replace("/enabled", "yes")), ErrorCode.INVALID_PATCH);
        assertRefused(() -> patch(webhook, replace("/name", "renamed"), replace("/orderedDelivery", "yes")), ErrorCode.INVALID_PATCH);
        assertRefused(() -> patch(webhook, replace("/name", "renamed"), replace("/ownerId", "bob")), ErrorCode.INVALID_PATCH);
        assertRefused(() -> patch(webhook, new PatchOperation(PatchOperation.Op.REMOVE, "/url", null)), ErrorCode.INVALID_PATCH);

        assertThat(current(webhook)).isEqualTo(webhook);
    }

    @Test
    void theResultMustPassTheDeploymentsRules() {
        Webhook webhook = stored(b -> { });

        assertRefused(() -> patch(webhook, replace("/eventTypes", List.of("com.example.unknown"))), ErrorCode.UNKNOWN_EVENT_TYPE);
        assertRefused(() -> patch(webhook, replace("/url", "https://192.168.1.1/hook")), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> patch(webhook, replace("/enableCloudEventDelivery", false)), ErrorCode.CLOUD_EVENT_DELIVERY_LOCKED);

        assertThat(current(webhook)).isEqualTo(webhook);
    }

    @Test
    void aNewUrlNeedsTheEncryptedHeadersAgain() {
        Webhook webhook = stored(b -> b.encryptedHeaders = new HeaderMap("encryptedHeaders", Map.of("X-Api-Key", "k")));

        assertRefused(() -> patch(webhook, replace("/url", "https://new.example.com/hook")), ErrorCode.ENCRYPTED_HEADERS_REQUIRED);
        Webhook moved = patch(webhook, replace("/url", "https://new.example.com/hook"),
                replace("/encryptedHeaders", Map.of("X-Api-Key", "k2")));

        assertThat(moved.definition().encryptedHeaders().values()).containsEntry("X-Api-Key", "k2");
    }

    @Test
    void onlyWhatTheCallerMaySeeCanBePatched() {
        Webhook alices = stored(b -> b.level = Level.USER);

        assertThat(patch.patch(ALICE, alices.id().toString(), List.of(replace("/name", "mine"))).definition().name()).isEqualTo("mine");
        assertRefused(() -> patch.patch(BOB, alices.id().toString(), List.of(replace("/name", "bobs"))), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> patch.patch(OTHER_ADMIN, alices.id().toString(), List.of(replace("/name", "x"))), ErrorCode.WEBHOOK_NOT_FOUND);

        assertThat(current(alices).definition().name()).isEqualTo("mine");
    }

    @Test
    void enablingAWebhookTheServiceDisabledClearsTheReason() {
        Webhook webhook = stored(b -> { });
        repository.disable(webhook.id(), new DisabledReason(DisabledReasonCode.CONSECUTIVE_FAILURES, "kept failing"), NOW);

        Webhook renamed = patch(webhook, replace("/name", "still off"));
        assertThat(renamed.disabledReason().code()).isEqualTo(DisabledReasonCode.CONSECUTIVE_FAILURES);

        assertThat(events.received()).as("renaming a disabled webhook announces nothing").isEmpty();

        Webhook on = patch(webhook, replace("/enabled", true));
        assertThat(on.enabled()).isTrue();
        assertThat(on.disabledReason()).isNull();
        assertThat(events.received()).hasSize(1);
        var announced = events.received().get(0).event();
        assertThat(announced.type()).isEqualTo(EventTypeCatalog.WEBHOOK_ENABLED);
        assertThat(announced.data().orElseThrow().toString()).contains("\"enabledBy\":\"root\"")
                .contains("\"reasonCode\":\"CONSECUTIVE_FAILURES\"");
        patch(webhook, replace("/name", "on"));
        assertThat(events.received()).as("only the switch on is announced").hasSize(1);
    }

    @Test
    void aReplacedSecretKeepsSigningForTheGracePeriod() {
        Webhook webhook = stored(b -> b.secret = new dev.webhooks.domain.webhook.Secret(OLD_SECRET));

        Webhook rotated = patch(webhook, replace("/secret", NEW_SECRET));

        assertThat(current(webhook).definition().secret().reveal()).isEqualTo(NEW_SECRET);
        assertThat(current(webhook).previousSecretAt(NOW).orElseThrow().reveal()).isEqualTo(OLD_SECRET);
        assertThat(rotated.previousSecretExpiresAt(NOW)).contains(NOW.plus(GRACE));
        assertThat(rotated.previousSecretAt(NOW.plus(GRACE))).as("gone when the grace period ends").isEmpty();
    }

    @Test
    void otherChangesKeepThePreviousSecretAndRemovingTheSecretDropsBoth() {
        Webhook webhook = stored(b -> b.secret = new dev.webhooks.domain.webhook.Secret(OLD_SECRET));
        patch(webhook, replace("/secret", NEW_SECRET));

        Webhook renamed = patch(webhook, replace("/name", "renamed"));
        assertThat(renamed.previousSecretExpiresAt(NOW)).contains(NOW.plus(GRACE));

        Webhook unsigned = patch(webhook, new PatchOperation(PatchOperation.Op.REMOVE, "/secret", null));
        assertThat(unsigned.definition().secret()).isNull();
        assertThat(unsigned.previousSecretAt(NOW)).isEmpty();
        assertThat(current(webhook).previousSecret()).isNull();
    }

    @Test
    void aZeroGracePeriodTurnsRotationOff() {
        PatchWebhook noGrace = new PatchWebhook(repository, RULES, Clock.fixed(NOW, ZoneOffset.UTC), 150, java.time.Duration.ZERO,
                Announcements.discarded());
        Webhook webhook = stored(b -> b.secret = new dev.webhooks.domain.webhook.Secret(OLD_SECRET));

        Webhook rotated = noGrace.patch(ADMIN, webhook.id().toString(), List.of(replace("/secret", NEW_SECRET)));

        assertThat(rotated.previousSecret()).isNull();
    }
}
