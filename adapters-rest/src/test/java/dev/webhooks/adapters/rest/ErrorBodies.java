package dev.webhooks.adapters.rest;

import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Reads error envelopes in tests. */
final class ErrorBodies {
    private ErrorBodies() {
    }

    static Map<String, Object> read(Response response) {
        return response.readEntity(new GenericType<Map<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> first(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("errors")).get(0);
    }

    static String code(Map<String, Object> body) {
        return (String) first(body).get("code");
    }

    static String detail(Map<String, Object> body) {
        return (String) first(body).get("detail");
    }
}
