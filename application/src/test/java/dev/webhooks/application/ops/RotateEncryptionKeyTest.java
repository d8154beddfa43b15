package dev.webhooks.application.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.Secret;
import dev.webhooks.domain.webhook.Webhook;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key rotation re-encrypts every webhook still under an older key, batch after batch, and counts what it cannot read. */
class RotateEncryptionKeyTest {
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final RotateEncryptionKey rotate = new RotateEncryptionKey(webhooks);

    private List<Webhook> storedUnderAnOlderKey(int count) {
        List<Webhook> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Webhook webhook = WebhookFixtures.webhook("acme", b -> b.secret = new Secret("0123456789abcdef0123456789abcdef"));
            webhooks.insert(webhook, Integer.MAX_VALUE);
            webhooks.encryptWithOlderKey(webhook.id());
            stored.add(webhook);
        }
        return stored;
    }

    @Test
    void reencryptsEveryWebhookUnderAnOlderKeyAcrossBatches() {
        List<Webhook> stale = storedUnderAnOlderKey(450);
        webhooks.insert(WebhookFixtures.webhook("acme"), Integer.MAX_VALUE); // nothing encrypted: nothing to do

        assertThat(rotate.rotate()).isEqualTo(new RotateEncryptionKey.Outcome(450, 0));

        assertThat(stale).noneMatch(webhook -> webhooks.isEncryptedWithOlderKey(webhook.id()));
        assertThat(rotate.rotate()).as("running it again finds nothing to do").isEqualTo(new RotateEncryptionKey.Outcome(0, 0));
    }

    @Test
    void countsTheWebhooksNoConfiguredKeyCanReadAndGoesOnPastThem() {
        List<Webhook> stale = storedUnderAnOlderKey(401);
        webhooks.makeUnreadable(stale.get(0).id());
        webhooks.makeUnreadable(stale.get(400).id());

        assertThat(rotate.rotate()).isEqualTo(new RotateEncryptionKey.Outcome(399, 2));
        assertThat(rotate.rotate()).as("they stay unreadable").isEqualTo(new RotateEncryptionKey.Outcome(0, 2));
    }
}
