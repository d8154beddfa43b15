package dev.webhooks.application.webhook;

import static dev.webhooks.application.webhook.Inputs.input;
import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.ALICE;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.TargetPolicy;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookQuotaExceededException;
import dev.webhooks.domain.webhook.WebhookRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Creating a webhook: who may create what, the defaults of omitted fields, the deployment's rules and the owner's quota. */
class CreateWebhookTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final WebhookRules RULES = new WebhookRules(EventTypeCatalog.builtIn(), TargetPolicy.STRICT);

    private final InMemoryWebhookRepository repository = new InMemoryWebhookRepository();
    private final CreateWebhook create = new CreateWebhook(repository, RULES, Clock.fixed(NOW, ZoneOffset.UTC), 2);

    @Test
    void storesTheWebhookInTheCallersTenantWithTheDefaultsOfOmittedFields() {
        Webhook created = create.create(ADMIN, Inputs.minimal());

        assertThat(repository.findById("acme", created.id())).contains(created);
        assertThat(created.tenantId()).isEqualTo("acme");
        assertThat(created.createdByUserId()).isEqualTo("root");
        assertThat(created.updatedByUserId()).isEqualTo("root");
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.updatedAt()).isEqualTo(NOW);
        assertThat(created.version()).isZero();
        assertThat(created.disabledReason()).isNull();
        WebhookDefinition definition = created.definition();
        assertThat(definition.level()).isEqualTo(Level.TENANT);
        assertThat(definition.ownerId()).as("the caller owns it").isEqualTo("root");
        assertThat(definition.enabled()).isFalse();
        assertThat(definition.enableCloudEventDelivery()).isTrue();
        assertThat(definition.checkCertificateRevocation()).isFalse();
        assertThat(definition.orderedDelivery()).isFalse();
        assertThat(definition.origin()).isEqualTo(Origin.API);
        assertThat(definition.headers().isEmpty()).isTrue();
        assertThat(definition.secret()).isNull();
        assertThat(definition.filter()).isNull();
    }

    @Test
    void keepsWhatTheClientSet() {
        Webhook created = create.create(ADMIN, input(f -> {
            f.description = "orders of the shop";
            f.enabled = true;
            f.enableCloudEventDelivery = false;
            f.checkCertificateRevocation = true;
            f.orderedDelivery = true;
            f.origin = "automations";
            f.filter = "spaceId eq \"s1\"";
            f.headers = Map.of("X-Team", "blue");
            f.encryptedHeaders = Map.of("X-Api-Key", "k");
            f.secret = "0123456789abcdef0123456789abcdef";
        }));

        WebhookDefinition definition = created.definition();
        assertThat(definition.description()).isEqualTo("orders of the shop");
        assertThat(definition.enabled()).isTrue();
        assertThat(definition.enableCloudEventDelivery()).isFalse();
        assertThat(definition.checkCertificateRevocation()).isTrue();
        assertThat(definition.orderedDelivery()).isTrue();
        assertThat(definition.origin()).isEqualTo(Origin.AUTOMATIONS);
        assertThat(definition.filter().text()).isEqualTo("spaceId eq \"s1\"");
        assertThat(definition.headers().values()).containsEntry("X-Team", "blue");
        assertThat(definition.encryptedHeaders().values()).containsEntry("X-Api-Key", "k");
        assertThat(created.secretKeyAdded()).isTrue();
    }

    @Test
    void aUserCreatesUserLevelWebhooksForThemselvesOnly() {
        Webhook own = create.create(ALICE, input(f -> f.level = "user"));
        assertThat(own.ownerId()).isEqualTo("alice");
        assertThat(own.level()).isEqualTo(Level.USER);

        assertRefused(() -> create.create(ALICE, Inputs.minimal()), ErrorCode.FORBIDDEN);
        assertRefused(() -> create.create(ALICE, input(f -> {
            f.level = "user";
            f.ownerId = "bob";
        })), ErrorCode.FORBIDDEN);
        assertThat(repository.all()).containsExactly(own);
    }

    @Test
    void aTenantAdminMayNameAnotherOwner() {
        Webhook forBob = create.create(ADMIN, input(f -> {
            f.level = "user";
            f.ownerId = "bob";
        }));

        assertThat(forBob.ownerId()).isEqualTo("bob");
        assertThat(forBob.createdByUserId()).isEqualTo("root");
    }

    @Test
    void refusesWhatTheDeploymentDoesNotOffer() {
        assertRefused(() -> create.create(ADMIN, input(f -> f.eventTypes = List.of("com.example.unknown"))),
                ErrorCode.UNKNOWN_EVENT_TYPE);
        assertRefused(() -> create.create(ALICE, input(f -> {
            f.level = "user";
            f.eventTypes = List.of("com.qlik.v1.app.deleted"); // offered to tenant-level webhooks only
        })), ErrorCode.UNKNOWN_EVENT_TYPE);
        assertRefused(() -> create.create(ADMIN, input(f -> f.url = "http://receiver.example.com/hook")), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> create.create(ADMIN, input(f -> f.url = "https://10.0.0.7/hook")), ErrorCode.VALIDATION_FAILED);

        assertThat(repository.all()).isEmpty();
    }

    @Test
    void refusesInputThatBreaksAFieldsRule() {
        assertRefused(() -> create.create(ADMIN, input(f -> f.name = " ")), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> create.create(ADMIN, input(f -> f.level = "team")), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> create.create(ADMIN, input(f -> f.origin = "elsewhere")), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> create.create(ADMIN, input(f -> f.filter = "spaceId eqq \"s1\"")), ErrorCode.INVALID_FILTER);

        assertThat(repository.all()).isEmpty();
    }

    @Test
    void anOwnerHasAtMostTheQuota() {
        WebhookInput alices = input(f -> f.level = "user");
        create.create(ALICE, alices);
        create.create(ALICE, alices);

        WebhookQuotaExceededException refused = (WebhookQuotaExceededException) assertRefused(
                () -> create.create(ALICE, alices), ErrorCode.WEBHOOK_QUOTA_EXCEEDED);
        assertRefused(() -> create.create(ADMIN, input(f -> {
            f.level = "user";
            f.ownerId = "alice";
        })), ErrorCode.WEBHOOK_QUOTA_EXCEEDED);

        assertThat(refused.ownerId()).isEqualTo("alice");
        assertThat(refused.quota()).isEqualTo(2);
        assertThat(repository.all()).hasSize(2);
        assertThat(create.create(ADMIN, Inputs.minimal()).ownerId()).as("other owners are not affected").isEqualTo("root");
    }
}
