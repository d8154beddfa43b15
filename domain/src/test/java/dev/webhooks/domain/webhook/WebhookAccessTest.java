package dev.webhooks.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.AccessDeniedException;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookAccessTest {
    private final Caller admin = new Caller("acme", "root", Set.of(Caller.TENANT_ADMIN));
    private final Caller alice = new Caller("acme", "alice", Set.of());
    private final Caller bob = new Caller("acme", "bob", Set.of());
    private final Caller otherAdmin = new Caller("globex", "root", Set.of(Caller.TENANT_ADMIN));

    private Webhook webhook(Level level, String owner) {
        WebhookDefinition.Builder builder = WebhookFixtures.definition();
        builder.level = level;
        builder.ownerId = owner;
        return Webhook.create(WebhookId.random(), "acme", builder.build(), owner, Instant.EPOCH);
    }

    @Test
    void visibilityMatrix() {
        Webhook tenantWide = webhook(Level.TENANT, "root");
        Webhook alices = webhook(Level.USER, "alice");

        assertThat(WebhookAccess.canSee(admin, tenantWide)).isTrue();
        assertThat(WebhookAccess.canSee(admin, alices)).isTrue();
        assertThat(WebhookAccess.canSee(alice, alices)).isTrue();
        assertThat(WebhookAccess.canSee(alice, tenantWide)).isFalse();
        assertThat(WebhookAccess.canSee(bob, alices)).isFalse();
        assertThat(WebhookAccess.canSee(otherAdmin, tenantWide)).isFalse();
        assertThat(WebhookAccess.canSee(otherAdmin, alices)).isFalse();
    }

    @Test
    void onlyAdminsDefineTenantLevelWebhooksOrOtherOwners() {
        assertThatCode(() -> WebhookAccess.checkMayDefine(admin, webhook(Level.TENANT, "bob").definition())).doesNotThrowAnyException();
        assertThatCode(() -> WebhookAccess.checkMayDefine(alice, webhook(Level.USER, "alice").definition())).doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookAccess.checkMayDefine(alice, webhook(Level.TENANT, "alice").definition()))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("TenantAdmin");
        assertThatThrownBy(() -> WebhookAccess.checkMayDefine(alice, webhook(Level.USER, "bob").definition()))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("owner");
    }
}
