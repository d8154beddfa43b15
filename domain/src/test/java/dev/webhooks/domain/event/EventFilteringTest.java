package dev.webhooks.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.filter.Filter;
import org.junit.jupiter.api.Test;

/** Filters evaluated against real events. */
class EventFilteringTest {
    private static final CloudEvent RELOAD = CloudEvent.fromJson("""
            {"specversion":"1.0","id":"e1","source":"com.qlik/reloads","type":"com.qlik.v1.app.reload.finished",
             "tenantid":"t1","spaceid":"space-1","toplevelresourceid":"app-9",
             "data":{"id":"reload-7","status":"error"}}""");

    @Test
    void filtersSeeTheDocumentedAttributes() {
        assertThat(Filter.parse("id eq \"reload-7\"").matches(RELOAD)).isTrue();
        assertThat(Filter.parse("spaceId eq \"space-1\" and topLevelResourceId eq \"app-9\"").matches(RELOAD)).isTrue();
        assertThat(Filter.parse("data.status eq \"error\"").matches(RELOAD)).isTrue();
        assertThat(Filter.parse("data.status eq \"ok\" or spaceId ne \"space-1\"").matches(RELOAD)).isFalse();
    }

    @Test
    void absentAttributesNeverEqual() {
        CloudEvent bare = CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"tenantid\":\"x\"}");
        assertThat(Filter.parse("spaceId eq \"space-1\"").matches(bare)).isFalse();
        assertThat(Filter.parse("spaceId ne \"space-1\"").matches(bare)).isTrue();
    }
}
