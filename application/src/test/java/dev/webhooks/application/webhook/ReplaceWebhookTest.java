package dev.webhooks.application.webhook;

import static dev.webhooks.application.webhook.Inputs.input;
import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.ALICE;
import static dev.webhooks.domain.fixtures.Callers.BOB;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.HeaderMap;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.Secret;
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

/** Replacing a webhook (PUT): omitted fields back to their defaults, owner and origin kept, the same rules as creating. */
class ReplaceWebhookTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final WebhookRules RULES = new WebhookRules(EventTypeCatalog.builtIn(), TargetPolicy.STRICT);
    private static final java.time.Duration GRACE = java.time.Duration.ofHours(24);

    private final InMemoryWebhookRepository repository = new InMemoryWebhookRepository();
    private final ReplaceWebhook replace = new ReplaceWebhook(repository, RULES, Clock.fixed(NOW, ZoneOffset.UTC), 2,
            GRACE, dev.webhooks.application.event.Announcements.discarded());

    private Webhook stored(Consumer<WebhookDefinition.Builder> customize) {
        Webhook webhook = WebhookFixtures.webhook("acme", customize);
        repository.insert(webhook, 150);
        return webhook;
    }

    private Webhook current(Webhook webhook) {
        return repository.findById("acme", webhook.id()).orElseThrow();
    }

    private Webhook alicesUserLevelWebhook() {
        return stored(b -> b.level = Level.USER);
    }

    @Test
    void omittedFieldsGoBackToTheirDefaultsButOwnerAndOriginStay() {
        Webhook full = stored(b -> {
            b.ownerId = "bob";
            b.description = "all of it";
            b.headers = new HeaderMap("headers", Map.of("X-Team", "blue"));
            b.secret = new Secret("0123456789abcdef0123456789abcdef");
            b.checkCertificateRevocation = true;
            b.origin = Origin.AUTOMATIONS;
            b.maxDeliveriesPerSecond = new dev.webhooks.domain.webhook.DeliveryRate(20);
            b.orderedDelivery = true;
        });

        Webhook replaced = replace.replace(ADMIN, full.id().toString(), input(f -> f.name = "renamed"));

        assertThat(current(full)).isEqualTo(replaced);
        WebhookDefinition definition = replaced.definition();
        assertThat(definition.name()).isEqualTo("renamed");
        assertThat(definition.description()).isNull();
        assertThat(definition.headers().isEmpty()).isTrue();
        assertThat(definition.secret()).isNull();
        assertThat(definition.enabled()).isFalse();
        assertThat(definition.checkCertificateRevocation()).isFalse();
        assertThat(definition.rateLimit()).as("an omitted rate limit: no limit").isEmpty();
        assertThat(definition.orderedDelivery()).as("an omitted orderedDelivery: false").isFalse();
        assertThat(definition.level()).isEqualTo(Level.TENANT);
        assertThat(definition.ownerId()).isEqualTo("bob");
        assertThat(definition.origin()).isEqualTo(Origin.AUTOMATIONS);
        assertThat(replaced.version()).isEqualTo(full.version() + 1);
        assertThat(replaced.updatedByUserId()).isEqualTo("root");
        assertThat(replaced.updatedAt()).isEqualTo(NOW);
        assertThat(replaced.createdAt()).isEqualTo(full.createdAt());
        assertThat(replaced.createdByUserId()).isEqualTo(full.createdByUserId());
    }

    @Test
    void ownerAndOriginChangeWhenGiven() {
        Webhook webhook = stored(b -> { });

        Webhook replaced = replace.replace(ADMIN, webhook.id().toString(), input(f -> {
            f.ownerId = "carol";
            f.origin = "management-console";
        }));

        assertThat(replaced.ownerId()).isEqualTo("carol");
        assertThat(replaced.definition().origin()).isEqualTo(Origin.MANAGEMENT_CONSOLE);
    }

    @Test
    void aUserReplacesOnlyItsOwnUserLevelWebhooksAndKeepsThemSo() {
        Webhook alices = alicesUserLevelWebhook();
        Webhook tenantWide = stored(b -> { });

        assertThat(replace.replace(ALICE, alices.id().toString(), input(f -> f.level = "user")).version()).isEqualTo(1);
        assertRefused(() -> replace.replace(BOB, alices.id().toString(), input(f -> f.level = "user")), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> replace.replace(ALICE, tenantWide.id().toString(), input(f -> f.level = "user")),
                ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> replace.replace(ALICE, alices.id().toString(), Inputs.minimal()), ErrorCode.FORBIDDEN);
        assertRefused(() -> replace.replace(ALICE, alices.id().toString(), input(f -> {
            f.level = "user";
            f.ownerId = "bob";
        })), ErrorCode.FORBIDDEN);
        assertRefused(() -> replace.replace(OTHER_ADMIN, tenantWide.id().toString(), Inputs.minimal()), ErrorCode.WEBHOOK_NOT_FOUND);

        assertThat(current(alices).version()).as("refusals change nothing").isEqualTo(1);
        assertThat(current(tenantWide)).isEqualTo(tenantWide);
    }

    @Test
    void theDeploymentsRulesApplyAsOnCreate() {
        Webhook webhook = stored(b -> { });

        assertRefused(() -> replace.replace(ADMIN, webhook.id().toString(), input(f -> f.eventTypes = List.of("com.example.unknown"))),
                ErrorCode.UNKNOWN_EVENT_TYPE);
        assertRefused(() -> replace.replace(ADMIN, webhook.id().toString(), input(f -> f.url = "https://127.0.0.1/hook")),
                ErrorCode.VALIDATION_FAILED);

        assertThat(current(webhook)).isEqualTo(webhook);
    }

    @Test
    void cloudEventDeliveryStaysOnOnceOn() {
        Webhook webhook = stored(b -> b.enableCloudEventDelivery = true);

        assertRefused(() -> replace.replace(ADMIN, webhook.id().toString(), input(f -> f.enableCloudEventDelivery = false)),
                ErrorCode.CLOUD_EVENT_DELIVERY_LOCKED);
    }

    @Test
    void enablingAWebhookTheServiceDisabledClearsTheReason() {
        Webhook webhook = stored(b -> { });
        repository.disable(webhook.id(), new DisabledReason(DisabledReasonCode.GONE, "410"), NOW);

        Webhook stillOff = replace.replace(ADMIN, webhook.id().toString(), input(f -> f.enabled = false));
        assertThat(stillOff.disabledReason().code()).isEqualTo(DisabledReasonCode.GONE);

        Webhook on = replace.replace(ADMIN, webhook.id().toString(), input(f -> f.enabled = true));
        assertThat(on.enabled()).isTrue();
        assertThat(on.disabledReason()).isNull();
    }

    @Test
    void aNewOwnerMustHaveRoomInTheQuota() {
        stored(b -> b.ownerId = "bob");
        stored(b -> b.ownerId = "bob");
        Webhook roots = stored(b -> b.ownerId = "root");

        assertRefused(() -> replace.replace(ADMIN, roots.id().toString(), input(f -> f.ownerId = "bob")),
                ErrorCode.WEBHOOK_QUOTA_EXCEEDED);
        assertThat(replace.replace(ADMIN, roots.id().toString(), input(f -> f.name = "kept")).ownerId())
                .as("the quota binds only a change of owner").isEqualTo("root");
    }

    @Test
    void aNewSecretByPutKeepsTheOldOneForTheGracePeriodAndAnOmittedSecretDropsBoth() {
        Webhook webhook = stored(b -> b.secret = new Secret("old-secret-old-secret-old-secret"));

        Webhook rotated = replace.replace(ADMIN, webhook.id().toString(), input(f -> f.secret = "new-secret-new-secret-new-secret"));
        assertThat(rotated.previousSecretAt(NOW).orElseThrow().reveal()).isEqualTo("old-secret-old-secret-old-secret");
        assertThat(rotated.previousSecretExpiresAt(NOW)).contains(NOW.plus(GRACE));

        Webhook unsigned = replace.replace(ADMIN, webhook.id().toString(), input(f -> { }));
        assertThat(unsigned.secretKeyAdded()).isFalse();
        assertThat(unsigned.previousSecret()).isNull();
    }
}
