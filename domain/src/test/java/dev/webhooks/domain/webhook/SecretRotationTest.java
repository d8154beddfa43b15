package dev.webhooks.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.OutgoingRequest;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.signature.QlikSignature;
import dev.webhooks.domain.signature.StandardWebhooksSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A replaced secret keeps signing, next to the new one, for the grace period; removing the secret stops all signing. */
class SecretRotationTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofHours(24);
    private static final Secret OLD = new Secret("old-secret-old-secret-old-secret");
    private static final Secret NEW = new Secret("new-secret-new-secret-new-secret");
    private static final Secret NEWER = new Secret("newer-secret-newer-secret-newer!");

    private static Webhook signedWith(Secret secret) {
        return WebhookFixtures.webhook("acme", b -> b.secret = secret);
    }

    private static Webhook withSecret(Webhook webhook, Secret secret, Instant at, Duration grace) {
        WebhookDefinition.Builder next = webhook.definition().toBuilder();
        next.secret = secret;
        return webhook.redefine(next.build(), "alice", at, grace);
    }

    @Test
    void theReplacedSecretStaysValidForTheGracePeriod() {
        Webhook rotated = withSecret(signedWith(OLD), NEW, NOW, GRACE);

        assertThat(rotated.definition().secret()).isEqualTo(NEW);
        assertThat(rotated.previousSecretAt(NOW)).contains(OLD);
        assertThat(rotated.previousSecretExpiresAt(NOW)).contains(NOW.plus(GRACE));
        assertThat(rotated.previousSecretAt(NOW.plus(GRACE).minusMillis(1))).contains(OLD);
        assertThat(rotated.previousSecretAt(NOW.plus(GRACE))).isEmpty();
        assertThat(rotated.previousSecretExpiresAt(NOW.plus(GRACE))).isEmpty();
    }

    @Test
    void changesThatKeepTheSecretKeepThePreviousOneAndASecondRotationReplacesIt() {
        Webhook rotated = withSecret(signedWith(OLD), NEW, NOW, GRACE);

        Webhook renamed = rotated.redefine(rotated.definition().toBuilder().build(), "bob", NOW.plusSeconds(60), GRACE);
        assertThat(renamed.previousSecretExpiresAt(NOW)).contains(NOW.plus(GRACE));

        Webhook again = withSecret(renamed, NEWER, NOW.plusSeconds(120), GRACE);
        assertThat(again.previousSecretAt(NOW.plusSeconds(120))).contains(NEW);
        assertThat(again.previousSecretExpiresAt(NOW.plusSeconds(120))).contains(NOW.plusSeconds(120).plus(GRACE));
    }

    @Test
    void noPreviousSecretWithoutGraceWithoutAnOldSecretOrOnceTheSecretIsRemoved() {
        assertThat(withSecret(signedWith(OLD), NEW, NOW, Duration.ZERO).previousSecret()).isNull();
        assertThat(withSecret(signedWith(null), NEW, NOW, GRACE).previousSecret()).isNull();

        Webhook removed = withSecret(withSecret(signedWith(OLD), NEW, NOW, GRACE), null, NOW, GRACE);
        assertThat(removed.secretKeyAdded()).isFalse();
        assertThat(removed.previousSecret()).isNull();
    }

    @Test
    void anExpiredPreviousSecretIsDroppedAtTheNextChange() {
        Webhook rotated = withSecret(signedWith(OLD), NEW, NOW, GRACE);

        Webhook later = rotated.redefine(rotated.definition(), "alice", NOW.plus(GRACE).plusSeconds(1), GRACE);

        assertThat(later.previousSecret()).isNull();
    }

    @Test
    void signsWithBothSecretsDuringTheGracePeriodAndQlikSignatureWithTheNewOne() {
        Webhook rotated = withSecret(signedWith(OLD), NEW, NOW, GRACE);
        Delivery delivery = Delivery.of(WebhookFixtures.event("acme", "e1"), rotated, NOW, Optional.empty());

        var headers = OutgoingRequest.of(delivery, rotated, NOW.plusSeconds(5), Duration.ofSeconds(10)).request().headers();

        String signature = headers.get(StandardWebhooksSignature.HEADER_SIGNATURE);
        assertThat(signature.split(" ")).hasSize(2).allMatch(entry -> entry.startsWith("v1,"));
        for (Secret secret : new Secret[] {NEW, OLD}) {
            assertThat(StandardWebhooksSignature.verify(headers.get("webhook-id"), headers.get("webhook-timestamp"),
                    delivery.body(), secret.keyBytes(), signature, NOW.plusSeconds(5), Duration.ofMinutes(5))).isTrue();
        }
        assertThat(signature.split(" ")[0]).isEqualTo(StandardWebhooksSignature.sign(headers.get("webhook-id"),
                Long.parseLong(headers.get("webhook-timestamp")), delivery.body(), NEW.keyBytes()));
        assertThat(QlikSignature.verify(delivery.body(), NEW.reveal(), headers.get(QlikSignature.HEADER))).isTrue();
        assertThat(QlikSignature.verify(delivery.body(), OLD.reveal(), headers.get(QlikSignature.HEADER))).isFalse();
    }

    @Test
    void signsWithTheNewSecretOnlyOnceTheGracePeriodIsOver() {
        Webhook rotated = withSecret(signedWith(OLD), NEW, NOW, GRACE);
        Delivery delivery = Delivery.of(WebhookFixtures.event("acme", "e1"), rotated, NOW, Optional.empty());

        var headers = OutgoingRequest.of(delivery, rotated, NOW.plus(GRACE), Duration.ofSeconds(10)).request().headers();

        assertThat(headers.get(StandardWebhooksSignature.HEADER_SIGNATURE)).doesNotContain(" ");
        assertThat(StandardWebhooksSignature.verify(headers.get("webhook-id"), headers.get("webhook-timestamp"),
                delivery.body(), OLD.reveal().getBytes(StandardCharsets.UTF_8), headers.get("webhook-signature"),
                NOW.plus(GRACE), Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void neverPrintsEitherSecret() {
        Webhook rotated = withSecret(signedWith(OLD), NEW, NOW, GRACE);

        assertThat(rotated.toString()).doesNotContain(OLD.reveal()).doesNotContain(NEW.reveal());
    }
}
