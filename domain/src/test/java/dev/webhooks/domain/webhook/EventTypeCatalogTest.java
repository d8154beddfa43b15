package dev.webhooks.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The event types webhooks may subscribe to, as operators extend them. */
class EventTypeCatalogTest {

    @Test
    void operatorsExtendAndOverrideTheCatalog() {
        EventType custom = new EventType("com.example.thing.created", "Thing created", "", Set.of(Level.TENANT), "Things");
        EventType narrowed = new EventType("com.qlik.v1.app.created", "Application created", "", Set.of(Level.TENANT), "Apps");
        EventTypeCatalog catalog = EventTypeCatalog.builtIn().extendedWith(List.of(custom, narrowed));

        assertThat(catalog.find("com.example.thing.created")).contains(custom);
        assertThat(catalog.find("com.qlik.v1.app.created").orElseThrow().supports(Level.USER)).isFalse();
        assertThat(catalog.all()).hasSize(EventTypeCatalog.builtIn().all().size() + 1);
    }
}
