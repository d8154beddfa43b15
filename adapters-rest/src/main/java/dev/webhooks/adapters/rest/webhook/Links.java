package dev.webhooks.adapters.rest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.webhooks.domain.page.Cursor;
import dev.webhooks.domain.page.Page;
import jakarta.ws.rs.core.UriInfo;

/** The {@code links} of a list answer: absolute URLs that can be followed as they are. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Links(Href self, Href next, Href prev) {

    /** One link. */
    public record Href(String href) {
    }

    public static Links of(UriInfo uri, Page<?> page) {
        return new Links(new Href(uri.getRequestUri().toString()),
                page.next().map(cursor -> link(uri, cursor)).orElse(null),
                page.prev().map(cursor -> link(uri, cursor)).orElse(null));
    }

    private static Href link(UriInfo uri, Cursor cursor) {
        String parameter = cursor.direction() == Cursor.Direction.NEXT ? "next" : "prev";
        return new Href(uri.getRequestUriBuilder()
                .replaceQueryParam("next")
                .replaceQueryParam("prev")
                .replaceQueryParam(parameter, cursor.encode())
                .build()
                .toString());
    }
}
