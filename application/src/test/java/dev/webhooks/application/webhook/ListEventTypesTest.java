package dev.webhooks.application.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.webhook.EventType;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.Level;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The event types webhooks can subscribe to: the deployment's catalog, built-in types first, in their order. */
class ListEventTypesTest {

    @Test
    void listsTheBuiltInTypesInTheirOrder() {
        List<EventType> types = new ListEventTypes(EventTypeCatalog.builtIn()).list();

        assertThat(types).extracting(EventType::name).startsWith("com.qlik.v1.app.created", "com.qlik.v1.app.exported")
                .contains(EventTypeCatalog.APP_RELOAD_FINISHED).doesNotHaveDuplicates();
        assertThat(types).filteredOn(type -> type.name().equals("com.qlik.v1.app.deleted"))
                .singleElement().satisfies(type -> assertThat(type.levels()).containsExactly(Level.TENANT));
    }

    @Test
    void listsTheTypesAnOperatorAddedOrChanged() {
        EventType custom = new EventType("com.example.thing.created", "Thing created", "", Set.of(Level.TENANT), "Things");
        EventType narrowed = new EventType("com.qlik.v1.app.created", "Application created", "", Set.of(Level.TENANT), "Apps");

        List<EventType> types = new ListEventTypes(EventTypeCatalog.builtIn().extendedWith(List.of(custom, narrowed))).list();

        assertThat(types).hasSize(EventTypeCatalog.builtIn().all().size() + 1).contains(custom, narrowed);
        assertThat(types).extracting(EventType::name).doesNotHaveDuplicates();
    }
}
