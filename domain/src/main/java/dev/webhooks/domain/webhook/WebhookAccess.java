package dev.webhooks.domain.webhook;

import dev.webhooks.domain.AccessDeniedException;
import dev.webhooks.domain.access.Caller;

/**
 * Who may see and change which webhook: a tenant never sees another tenant's webhooks; a TenantAdmin sees all of
 * its tenant's; any other user sees only the user-level webhooks it owns. Only a TenantAdmin may define
 * tenant-level webhooks or name another user as owner.
 */
public final class WebhookAccess {
    private WebhookAccess() {
    }

    public static boolean canSee(Caller caller, Webhook webhook) {
        if (!caller.tenantId().equals(webhook.tenantId())) {
            return false;
        }
        return caller.isTenantAdmin()
                || (webhook.level() == Level.USER && caller.userId().equals(webhook.ownerId()));
    }

    public static void checkMayDefine(Caller caller, WebhookDefinition definition) {
        if (caller.isTenantAdmin()) {
            return;
        }
        if (definition.level() == Level.TENANT) {
            throw new AccessDeniedException("only a TenantAdmin may create or own tenant-level webhooks; use \"level\": \"user\"");
        }
        if (!caller.userId().equals(definition.ownerId())) {
            throw new AccessDeniedException("only a TenantAdmin may make another user the owner of a webhook");
        }
    }
}
