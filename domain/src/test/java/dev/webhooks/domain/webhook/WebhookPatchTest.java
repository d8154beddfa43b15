package dev.webhooks.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPatchTest {
    private final WebhookDefinition current = WebhookFixtures.definition(b -> b.enabled = false);

    private static PatchOperation op(String op, String path, Object value) {
        return new PatchOperation(PatchOperation.Op.fromWireName(op), path, value);
    }

    private static WebhookDefinition apply(WebhookDefinition definition, PatchOperation... operations) {
        return new WebhookPatch(Arrays.asList(operations)).applyTo(definition);
    }

    @Test
    void setsEveryPatchablePath() {
        WebhookDefinition patched = apply(current,
                op("replace", "/name", "renamed"),
                op("add", "/description", "why"),
                op("replace", "/url", "https://other.example.com"),
                op("replace", "/eventTypes", List.of("com.qlik.v1.app.deleted")),
                op("add", "/headers", Map.of("X-A", "1")),
                op("replace", "/enabled", true),
                op("add", "/secret", "k".repeat(32)),
                op("add", "/encryptedHeaders", Map.of("X-Key", "v")),
                op("replace", "/enableCloudEventDelivery", false));

        assertThat(patched.name()).isEqualTo("renamed");
        assertThat(patched.description()).isEqualTo("why");
        assertThat(patched.url().value()).isEqualTo("https://other.example.com");
        assertThat(patched.eventTypes()).containsExactly("com.qlik.v1.app.deleted");
        assertThat(patched.headers().values()).containsEntry("X-A", "1");
        assertThat(patched.enabled()).isTrue();
        assertThat(patched.secret().reveal()).isEqualTo("k".repeat(32));
        assertThat(patched.encryptedHeaders().values()).containsEntry("X-Key", "v");
        assertThat(patched.enableCloudEventDelivery()).isFalse();
    }

    @Test
    void setsAndRemovesTheRateLimit() {
        WebhookDefinition limited = apply(current, op("replace", "/maxDeliveriesPerSecond", 20));
        WebhookDefinition added = apply(current, op("add", "/maxDeliveriesPerSecond", 10_000));

        assertThat(limited.rateLimit()).contains(new DeliveryRate(20));
        assertThat(added.rateLimit()).contains(new DeliveryRate(10_000));
        assertThat(apply(limited, op("remove", "/maxDeliveriesPerSecond", null)).rateLimit()).isEmpty();
        assertThat(apply(limited, op("replace", "/maxDeliveriesPerSecond", null)).rateLimit()).isEmpty();
        assertThat(apply(limited, op("replace", "/name", "other")).rateLimit()).contains(new DeliveryRate(20));
    }

    @Test
    void rejectsRateLimitsThatAreNotIntegersFromOneToTenThousand() {
        for (Object bad : List.of(0, 10_001, "abc", 1.5)) {
            assertThatThrownBy(() -> apply(current, op("replace", "/maxDeliveriesPerSecond", bad)))
                    .as("%s", bad).isInstanceOf(InvalidInputException.class).hasMessageContaining("maxDeliveriesPerSecond");
        }
    }

    @Test
    void setsAndRemovesOrderedDelivery() {
        WebhookDefinition ordered = apply(current, op("replace", "/orderedDelivery", true));

        assertThat(current.orderedDelivery()).isFalse();
        assertThat(ordered.orderedDelivery()).isTrue();
        assertThat(apply(current, op("add", "/orderedDelivery", true)).orderedDelivery()).isTrue();
        assertThat(apply(ordered, op("replace", "/orderedDelivery", false)).orderedDelivery()).isFalse();
        assertThat(apply(ordered, op("remove", "/orderedDelivery", null)).orderedDelivery()).isFalse();
        assertThat(apply(ordered, op("replace", "/name", "other")).orderedDelivery()).isTrue();
    }

    @Test
    void rejectsOrderedDeliveryThatIsNotABoolean() {
        for (Object bad : Arrays.asList("yes", "true", 1, 0, List.of(true), Map.of(), null)) {
            assertPatchError(() -> apply(current, op("replace", "/orderedDelivery", bad)), "'/orderedDelivery' must be a boolean");
        }
    }

    @Test
    void removeReturnsOptionalFieldsToTheirDefaults() {
        WebhookDefinition full = apply(current, op("add", "/description", "d"), op("add", "/secret", "k".repeat(32)),
                op("add", "/headers", Map.of("X-A", "1")), op("replace", "/enabled", true));
        WebhookDefinition removed = apply(full, op("remove", "/description", null), op("remove", "/secret", null),
                op("remove", "/headers", null), op("remove", "/enabled", null), op("remove", "/eventTypes", null));

        assertThat(removed.description()).isNull();
        assertThat(removed.secret()).isNull();
        assertThat(removed.headers().isEmpty()).isTrue();
        assertThat(removed.enabled()).isFalse();
        assertThat(removed.eventTypes()).isEmpty();
    }

    @Test
    void refusesToRemoveRequiredFields() {
        assertPatchError(() -> apply(current, op("remove", "/name", null)), "'/name' is required");
        assertPatchError(() -> apply(current, op("remove", "/url", null)), "'/url' is required");
    }

    @Test
    void refusesUnknownPathsAndOps() {
        assertPatchError(() -> new WebhookPatch(List.of(new PatchOperation(PatchOperation.Op.REPLACE, "/level", "user"))), "/level");
        assertPatchError(() -> new WebhookPatch(List.of(new PatchOperation(PatchOperation.Op.REPLACE, "/headers/X-A", "1"))), "/headers/X-A");
        assertPatchError(() -> PatchOperation.Op.fromWireName("move"), "move");
    }

    @Test
    void refusesWrongValueTypes() {
        assertPatchError(() -> apply(current, op("replace", "/enabled", "true")), "a boolean");
        assertPatchError(() -> apply(current, op("replace", "/name", 5)), "a string");
        assertPatchError(() -> apply(current, op("replace", "/eventTypes", "x")), "an array of strings");
        assertPatchError(() -> apply(current, op("replace", "/headers", Map.of("X-A", 1))), "an object whose values are strings");
        assertPatchError(() -> apply(current, op("replace", "/name", null)), "a string");
    }

    @Test
    void urlChangeNeedsEncryptedHeadersResupplied() {
        WebhookDefinition withEncrypted = apply(current, op("add", "/encryptedHeaders", Map.of("X-Key", "v")));

        assertThatThrownBy(() -> apply(withEncrypted, op("replace", "/url", "https://new.example.com")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("X-Key")
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo(ErrorCode.ENCRYPTED_HEADERS_REQUIRED);
        assertThat(apply(withEncrypted, op("replace", "/url", "https://new.example.com"), op("remove", "/encryptedHeaders", null))
                .encryptedHeaders().isEmpty()).isTrue();
        assertThat(apply(current, op("replace", "/url", "https://new.example.com")).url().host()).isEqualTo("new.example.com");
    }

    @Test
    void cloudEventDeliveryStaysOnOnceOn() {
        Webhook webhook = Webhook.create(WebhookId.random(), "t", current, "alice", java.time.Instant.EPOCH);
        WebhookDefinition off = apply(current, op("replace", "/enableCloudEventDelivery", false));
        assertThatThrownBy(() -> webhook.redefine(off, "alice", java.time.Instant.EPOCH))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo(ErrorCode.CLOUD_EVENT_DELIVERY_LOCKED);
    }

    @Test
    void reEnablingClearsTheDisabledReason() {
        WebhookDefinition.Builder off = current.toBuilder();
        off.enabled = false;
        Webhook webhook = new Webhook(WebhookId.random(), "t", off.build(), java.time.Instant.EPOCH, java.time.Instant.EPOCH,
                "alice", "alice", new DisabledReason(DisabledReasonCode.CONSECUTIVE_FAILURES, "kept failing"), 0);
        assertThat(webhook.disabledReason()).isNotNull();
        Webhook enabled = webhook.redefine(apply(webhook.definition(), op("replace", "/enabled", true)), "alice", java.time.Instant.EPOCH);
        assertThat(enabled.disabledReason()).isNull();
        Webhook renamed = webhook.redefine(apply(webhook.definition(), op("replace", "/name", "x")), "alice", java.time.Instant.EPOCH);
        assertThat(renamed.disabledReason()).isNotNull();
    }

    private static void assertPatchError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String fragment) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class).hasMessageContaining(fragment)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo(ErrorCode.INVALID_PATCH);
    }
}
