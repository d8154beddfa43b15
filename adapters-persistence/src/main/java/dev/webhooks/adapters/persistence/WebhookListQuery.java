package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.page.SortDirection;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookSort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The webhook list: the query's filters as bound predicates, paged by {@link KeysetPage} in the requested sort. */
final class WebhookListQuery {
    private final StringBuilder where = new StringBuilder("tenant_id = :tenantId");
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final KeysetPage<Webhook> pages;

    WebhookListQuery(Handle handle, WebhookRowMapper mapper, WebhookQuery query, WebhookSort sort) {
        addFilters(query);
        boolean byTime = sort.field() == WebhookSort.Field.CREATED_AT || sort.field() == WebhookSort.Field.UPDATED_AT;
        this.pages = new KeysetPage<>(handle, new KeysetPage.Spec<>("webhooks", WebhookDao.COLUMNS, where.toString(),
                parameters, column(sort), sort.direction() == SortDirection.ASC, sort.wireName(), mapper,
                webhook -> sortValue(sort, webhook), byTime ? KeysetPage::microsColumnValue : text -> text,
                "id", webhook -> webhook.id().toString(), text -> text));
    }

    Page<Webhook> fetch(PageRequest page) {
        return pages.fetch(page);
    }

    private static String column(WebhookSort sort) {
        return switch (sort.field()) {
            case NAME -> "name";
            case URL -> "url";
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
        };
    }

    private static String sortValue(WebhookSort sort, Webhook webhook) {
        return switch (sort.field()) {
            case NAME -> webhook.definition().name();
            case URL -> webhook.definition().url().value();
            case CREATED_AT -> Long.toString(Timestamps.toMicros(webhook.createdAt()));
            case UPDATED_AT -> Long.toString(Timestamps.toMicros(webhook.updatedAt()));
        };
    }

    private void addFilters(WebhookQuery query) {
        parameters.put("tenantId", query.tenantId());
        query.visibleOnlyTo().ifPresent(user -> condition("level = 'user' AND owner_id = :visibleTo", "visibleTo", user));
        query.createdByUserId().ifPresent(user -> condition("created_by_user_id = :createdBy", "createdBy", user));
        query.updatedByUserId().ifPresent(user -> condition("updated_by_user_id = :updatedBy", "updatedBy", user));
        query.ownerId().ifPresent(owner -> condition("owner_id = :ownerId", "ownerId", owner));
        query.enabled().ifPresent(enabled -> condition("enabled = :enabled", "enabled", enabled));
        query.level().ifPresent(level -> condition("level = :level", "level", level.wireName()));
        query.name().ifPresent(name -> condition("name LIKE :name ESCAPE '!'", "name", likePattern(name)));
        query.url().ifPresent(url -> condition("url LIKE :url ESCAPE '!'", "url", likePattern(url)));
        int i = 0;
        for (String eventType : query.eventTypes()) {
            String name = "eventType" + i++;
            condition("EXISTS (SELECT 1 FROM webhook_event_types e WHERE e.webhook_id = webhooks.id AND e.event_type = :" + name + ")",
                    name, eventType);
        }
        if (!query.origins().isEmpty()) {
            List<String> names = new ArrayList<>();
            int o = 0;
            for (var origin : query.origins()) {
                String name = "origin" + o++;
                names.add(":" + name);
                parameters.put(name, origin.wireName());
            }
            where.append(" AND origin IN (").append(String.join(", ", names)).append(")");
        }
    }

    private void condition(String sql, String name, Object value) {
        where.append(" AND ").append(sql);
        parameters.put(name, value);
    }

    /** {@code *} is a wildcard; without one the text matches anywhere. LIKE's own wildcards are escaped. */
    static String likePattern(String pattern) {
        String escaped = pattern.replace("!", "!!").replace("%", "!%").replace("_", "!_").replace('*', '%');
        return pattern.contains("*") ? escaped : "%" + escaped + "%";
    }
}
