package dev.webhooks.adapters.rest.webhook;

import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookSort;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Reads the list endpoint's query parameters, answering 400 for any invalid one. */
final class ListParameters {
    private final MultivaluedMap<String, String> parameters;

    ListParameters(MultivaluedMap<String, String> parameters) {
        this.parameters = parameters;
    }

    WebhookQuery query(String tenantId) {
        return new WebhookQuery(tenantId, Optional.empty(),
                text("createdByUserId"), bool("enabled"), list("eventTypes"),
                text("level").map(value -> parse("level", () -> Level.fromWireName("level", value))),
                text("name"), text("url"), origins(), text("ownerId"), text("updatedByUserId"));
    }

    WebhookSort sort() {
        return WebhookSort.parse(parameters.getFirst("sort"));
    }

    PageRequest page(WebhookSort sort) {
        return PageParameters.read(parameters, sort.wireName());
    }

    private Optional<String> text(String name) {
        return PageParameters.text(parameters, name);
    }

    private Optional<Boolean> bool(String name) {
        return text(name).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("'" + name + "' must be true or false");
        });
    }

    private Set<String> list(String name) {
        Set<String> values = new LinkedHashSet<>();
        text(name).ifPresent(text -> Arrays.stream(text.split(",")).map(String::trim).filter(v -> !v.isEmpty()).forEach(values::add));
        return values;
    }

    private Set<Origin> origins() {
        Set<Origin> origins = new LinkedHashSet<>();
        for (String value : list("origins")) {
            origins.add(parse("origins", () -> Origin.fromWireName("origins", value)));
        }
        return origins;
    }

    private static <T> T parse(String name, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidInputException e) {
            throw invalid(e.getMessage());
        }
    }

    private static InvalidInputException invalid(String detail) {
        return PageParameters.invalid(detail);
    }
}
