package dev.webhooks.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.filter.Filter;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookDefinitionTest {

    @Test
    void requiresANameWithinLimits() {
        WebhookDefinition.Builder builder = WebhookFixtures.definition();
        builder.name = " ";
        assertThatThrownBy(builder::build).hasMessageContaining("'name' is required");
        builder.name = "n".repeat(513);
        assertThatThrownBy(builder::build).hasMessageContaining("'name' is longer than 512");
        builder.name = "n".repeat(512);
        assertThat(builder.build().name()).hasSize(512);
    }

    @Test
    void limitsTheDescription() {
        WebhookDefinition.Builder builder = WebhookFixtures.definition();
        builder.description = "d".repeat(1025);
        assertThatThrownBy(builder::build).hasMessageContaining("'description'");
    }

    @Test
    void limitsTheOwnerIdToWhatIsStored() {
        WebhookDefinition.Builder builder = WebhookFixtures.definition();
        builder.ownerId = "o".repeat(256);
        assertThatThrownBy(builder::build).hasMessageContaining("'ownerId' is longer than 255");
        builder.ownerId = "o".repeat(255);
        assertThat(builder.build().ownerId()).hasSize(255);
    }

    @Test
    void removesDuplicateEventTypesKeepingOrder() {
        WebhookDefinition.Builder builder = WebhookFixtures.definition();
        builder.eventTypes = List.of("b", "a", "b");
        assertThat(builder.build().eventTypes()).containsExactly("b", "a");
    }

    @Test
    void allowsDataStatusOnlyForReloadFinishedAlone() {
        WebhookDefinition.Builder builder = WebhookFixtures.definition();
        builder.filter = Filter.parse("data.status eq \"ok\"");
        assertThatThrownBy(builder::build).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo(ErrorCode.INVALID_FILTER);
        builder.eventTypes = List.of(EventTypeCatalog.APP_RELOAD_FINISHED, "com.qlik.v1.app.created");
        assertThatThrownBy(builder::build).hasMessageContaining("data.status");
        builder.eventTypes = List.of(EventTypeCatalog.APP_RELOAD_FINISHED);
        assertThat(builder.build().filter().text()).isEqualTo("data.status eq \"ok\"");
    }

    @Test
    void refusesAHeaderInBothMaps() {
        WebhookDefinition.Builder builder = WebhookFixtures.definition();
        builder.headers = new HeaderMap("headers", Map.of("X-Key", "a"));
        builder.encryptedHeaders = new HeaderMap("encryptedHeaders", Map.of("x-key", "b"));
        assertThatThrownBy(builder::build).hasMessageContaining("x-key");
    }

    @Test
    void neverPrintsSecretsOrEncryptedValues() {
        WebhookDefinition.Builder builder = WebhookFixtures.definition();
        builder.secret = new Secret("s".repeat(32));
        builder.encryptedHeaders = new HeaderMap("encryptedHeaders", Map.of("Authorization", "Bearer hidden-value"));
        String text = builder.build().toString();
        assertThat(text).doesNotContain("s".repeat(32)).doesNotContain("hidden-value").contains("Authorization");
    }

    @Test
    void deliversInAnyOrderUnlessAskedAndSaysSo() {
        assertThat(WebhookFixtures.definition().build().orderedDelivery()).isFalse();
        WebhookDefinition ordered = WebhookFixtures.definition(b -> b.orderedDelivery = true);

        assertThat(ordered.orderedDelivery()).isTrue();
        assertThat(ordered.toBuilder().build().orderedDelivery()).isTrue();
        assertThat(ordered.toString()).contains("orderedDelivery=true");
    }

    @Test
    void secretsAreThirtyTwoToSixtyFourCharacters() {
        assertThatThrownBy(() -> new Secret("s".repeat(31))).hasMessageContaining("'secret'");
        assertThatThrownBy(() -> new Secret("s".repeat(65))).hasMessageContaining("'secret'");
        assertThat(new Secret("s".repeat(64)).reveal()).hasSize(64);
    }

    @Test
    void headerMapsRejectBadNamesDuplicatesReservedAndOversizedMaps() {
        assertThatThrownBy(() -> new HeaderMap("headers", Map.of("Bad Name", "v"))).hasMessageContaining("invalid header name");
        assertThatThrownBy(() -> new HeaderMap("headers", Map.of("Host", "v"))).hasMessageContaining("'Host'");
        assertThatThrownBy(() -> new HeaderMap("headers", Map.of("Proxy-Foo", "v"))).hasMessageContaining("Proxy-Foo");
        assertThatThrownBy(() -> new HeaderMap("headers", Map.of("X-A", "line\nbreak"))).hasMessageContaining("control character");
        Map<String, String> duplicates = new LinkedHashMap<>();
        duplicates.put("X-A", "1");
        duplicates.put("x-a", "2");
        assertThatThrownBy(() -> new HeaderMap("headers", duplicates)).hasMessageContaining("more than once");
        assertThatThrownBy(() -> new HeaderMap("headers", Map.of("X-Big", "v".repeat(2048)))).hasMessageContaining("2048 bytes");
        assertThat(new HeaderMap("headers", Map.of("X-Fits", "v".repeat(2030))).names()).containsExactly("X-Fits");
    }
}
