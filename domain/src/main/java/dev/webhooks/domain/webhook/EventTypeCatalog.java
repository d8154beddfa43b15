package dev.webhooks.domain.webhook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event types webhooks may subscribe to: the reference's types, the service's own operational types (namespace
 * {@value #SERVICE_NAMESPACE}, an extension), optionally extended by configuration.
 */
public final class EventTypeCatalog {
    public static final String APP_RELOAD_FINISHED = "com.qlik.v1.app.reload.finished";
    /** Types of events the service itself publishes; producers may not publish them. */
    public static final String SERVICE_NAMESPACE = "dev.webhooks.";
    public static final String WEBHOOK_DISABLED = SERVICE_NAMESPACE + "webhook.disabled";
    public static final String WEBHOOK_ENABLED = SERVICE_NAMESPACE + "webhook.enabled";

    private static final Set<Level> BOTH = Set.of(Level.TENANT, Level.USER);
    private static final Set<Level> TENANT_ONLY = Set.of(Level.TENANT);

    private final Map<String, EventType> types;
    private final List<EventType> ordered;

    public EventTypeCatalog(Collection<EventType> types) {
        Map<String, EventType> byName = new LinkedHashMap<>();
        types.forEach(type -> byName.put(type.name(), type));
        this.types = Map.copyOf(byName);
        this.ordered = List.copyOf(byName.values());
    }

    /** The types the reference service offers. */
    public static EventTypeCatalog builtIn() {
        return new EventTypeCatalog(List.of(
                app("com.qlik.v1.app.created", "Application created", BOTH,
                        "This event is sent when an analytics application (for example, a Qlik Sense application) is created."),
                app("com.qlik.v1.app.exported", "Application exported", BOTH,
                        "This event is sent when an application (for example, a Qlik Sense application) is exported."),
                app("com.qlik.v1.app.published", "Application published", BOTH,
                        "This event is sent when an analytics application (for example, a Qlik Sense application) is published to a managed space."),
                app("com.qlik.v1.app.deleted", "Application deleted", TENANT_ONLY,
                        "This event is sent when an analytics application (for example, a Qlik Sense application) is deleted."),
                app(APP_RELOAD_FINISHED, "Application reload finished", BOTH,
                        "This event is sent when an analytics app (for example, a Qlik Sense app) is reloaded and the reload has finished on the engine. It does not indicate the app has been saved. Consider using the Reload finished event if you wish to know when a reloaded app is ready for use."),
                app("com.qlik.v1.app.data.updated", "Application data updated", BOTH,
                        "This event is sent when an analytics app is saved to persistent storage."),
                app("com.qlik.v1.reload.finished", "Reload finished", BOTH,
                        "This event is sent when a reload has finished and the reloaded app is ready for use."),
                new EventType("com.qlik.v1.api-key.validation.failed", "API key validation failed",
                        "This event is sent when the tenant tries to use an API key which is expired or revoked.",
                        TENANT_ONLY, "API keys"),
                new EventType("com.qlik.v1.user.created", "User created",
                        "This event is sent when a user is created.", TENANT_ONLY, "Users"),
                new EventType("com.qlik.v1.user.deleted", "User deleted",
                        "This event is sent when a user is deleted.", TENANT_ONLY, "Users"),
                new EventType("com.qlik.v1.automation.run.ended", "Automation run ended",
                        "This event is sent when an automation run has ended.", BOTH, "Automations"),
                new EventType(WEBHOOK_DISABLED, "Webhook disabled", "Extension: sent by this service when it switches a"
                        + " webhook of the tenant off (410 Gone, a failure streak, an unreadable secret, an operator); data"
                        + " holds the webhook's id and name and the reasonCode and reason. The disabled webhook itself never"
                        + " receives it.", BOTH, "Webhooks"),
                new EventType(WEBHOOK_ENABLED, "Webhook enabled", "Extension: sent by this service when a disabled webhook"
                        + " of the tenant is switched on again (PATCH or PUT by the tenant, or an operator); data holds the"
                        + " webhook's id and name, who enabled it, and the reasonCode and reason it had been disabled for."
                        + " The enabled webhook itself never receives it.", BOTH, "Webhooks")));
    }

    /** Whether a type is one of the service's own, which only the service publishes. */
    public static boolean isServiceType(String type) {
        return type.startsWith(SERVICE_NAMESPACE);
    }

    private static EventType app(String name, String title, Set<Level> levels, String description) {
        return new EventType(name, title, description, levels, "Analytics applications");
    }

    /** This catalog plus the given types; a given type replaces a built-in one of the same name. */
    public EventTypeCatalog extendedWith(Collection<EventType> extra) {
        List<EventType> all = new ArrayList<>(ordered);
        all.removeIf(type -> extra.stream().anyMatch(e -> e.name().equals(type.name())));
        all.addAll(extra);
        return new EventTypeCatalog(all);
    }

    public List<EventType> all() {
        return ordered;
    }

    public Optional<EventType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }
}
