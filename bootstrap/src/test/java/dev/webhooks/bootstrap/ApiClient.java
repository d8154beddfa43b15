package dev.webhooks.bootstrap;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** A thin HTTP client for the API under test, acting as one caller (bearer token). */
record ApiClient(Client client, String baseUrl, String token) {
    static final GenericType<Map<String, Object>> JSON_OBJECT = new GenericType<>() { };

    Answer get(String path) {
        return send(request(path).buildGet());
    }

    Answer getAbsolute(String url) {
        return send(client.target(url).request(MediaType.APPLICATION_JSON).header("Authorization", "Bearer " + token).buildGet());
    }

    Answer post(String path, Object body) {
        return send(request(path).buildPost(Entity.json(body)));
    }

    /** Posts a body as given, with the given content type; returns the status. */
    int postRaw(String path, String mediaType, String body) {
        try (Response response = request(path).post(Entity.entity(body, mediaType))) {
            return response.getStatus();
        }
    }

    Answer put(String path, Object body) {
        return send(request(path).buildPut(Entity.json(body)));
    }

    Answer patch(String path, List<Map<String, Object>> operations) {
        return send(request(path).build("PATCH", Entity.json(operations)));
    }

    Answer delete(String path) {
        return send(request(path).buildDelete());
    }

    private Invocation.Builder request(String path) {
        Invocation.Builder builder = client.target(baseUrl + path).request(MediaType.APPLICATION_JSON);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Answer send(Invocation invocation) {
        try (Response response = invocation.invoke()) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new Answer(response.getStatus(), body, response.getHeaderString("Location"));
        }
    }

    /** Status and body of one answer, with JSON helpers. */
    record Answer(int status, String body, String location) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class);
            } catch (Exception e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data() {
            return (List<Map<String, Object>>) json().get("data");
        }

        @SuppressWarnings("unchecked")
        String errorCode() {
            List<Map<String, Object>> errors = (List<Map<String, Object>>) json().get("errors");
            return (String) errors.get(0).get("code");
        }

        @SuppressWarnings("unchecked")
        String errorDetail() {
            List<Map<String, Object>> errors = (List<Map<String, Object>>) json().get("errors");
            return (String) errors.get(0).get("detail");
        }

        @SuppressWarnings("unchecked")
        String link(String name) {
            Map<String, Object> links = (Map<String, Object>) json().get("links");
            Map<String, Object> link = (Map<String, Object>) links.get(name);
            return link == null ? null : (String) link.get("href");
        }
    }
}
