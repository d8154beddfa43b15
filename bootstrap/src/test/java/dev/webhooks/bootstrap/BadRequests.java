package dev.webhooks.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Generates bad requests for every endpoint of the API: valid requests with mutated fields, random and malformed
 * JSON, hostile ids, query parameters and cursors, wrong content types, oversized bodies, bad tokens and headers,
 * and raw HTTP that no client library would send. Each request is built from real ids, cursors and tokens so
 * that mutations get past routing and authentication into the handlers.
 */
final class BadRequests {
    /** The real things requests are built around. */
    record Known(String tenant, String adminToken, String userToken, String publisherToken, String otherTenantToken,
                 String deliveringWebhookId, String victimWebhookId, String disposableWebhookId, String deliveryId,
                 List<String> webhookCursors, List<String> deliveryCursors, List<String> eventTypes, String receiverUrl) {
    }

    /** One request; {@code raw}, when set, is written to a socket as it is instead. */
    record Request(String endpoint, String method, String target, List<String[]> headers, byte[] body, byte[] raw) {
        String describe() {
            if (raw != null) {
                return "raw bytes: " + abbreviate(new String(raw, StandardCharsets.ISO_8859_1));
            }
            StringBuilder text = new StringBuilder(method + " " + abbreviate(target));
            headers.forEach(header -> text.append("\n  ").append(header[0]).append(": ").append(abbreviate(header[1])));
            if (body != null) {
                text.append("\n  body (").append(body.length).append(" bytes): ")
                        .append(abbreviate(new String(body, StandardCharsets.UTF_8)));
            }
            return text.toString();
        }

        Request withHeader(String name, String value) {
            List<String[]> changed = new ArrayList<>(headers);
            changed.removeIf(header -> header[0].equalsIgnoreCase(name));
            if (value != null) {
                changed.add(new String[] {name, value});
            }
            return new Request(endpoint, method, target, changed, body, raw);
        }

        Request withExtraHeader(String name, String value) {
            List<String[]> changed = new ArrayList<>(headers);
            changed.add(new String[] {name, value});
            return new Request(endpoint, method, target, changed, body, raw);
        }

        Request withMethod(String changedMethod) {
            return new Request(endpoint, changedMethod, target, headers, body, raw);
        }

        private static String abbreviate(String text) {
            String escaped = text.replace("\r", "\\r").replace("\n", "\\n");
            return escaped.length() > 300 ? escaped.substring(0, 300) + "…(" + escaped.length() + " chars)" : escaped;
        }
    }

    static final String LIST_WEBHOOKS = "GET /webhooks";
    static final String CREATE_WEBHOOK = "POST /webhooks";
    static final String GET_WEBHOOK = "GET /webhooks/{id}";
    static final String REPLACE_WEBHOOK = "PUT /webhooks/{id}";
    static final String PATCH_WEBHOOK = "PATCH /webhooks/{id}";
    static final String DELETE_WEBHOOK = "DELETE /webhooks/{id}";
    static final String EVENT_TYPES = "GET /webhooks/event-types";
    static final String LIST_DELIVERIES = "GET /webhooks/{id}/deliveries";
    static final String GET_DELIVERY = "GET /webhooks/{id}/deliveries/{deliveryId}";
    static final String RESEND = "POST /webhooks/{id}/deliveries/{deliveryId}/actions/resend";
    static final String PUBLISH = "POST /events (single)";
    static final String PUBLISH_BATCH = "POST /events (batch)";
    static final String OPENAPI = "GET /openapi.json";
    static final String RAW = "raw HTTP (malformed at the protocol level)";
    static final List<String> ENDPOINTS = List.of(LIST_WEBHOOKS, CREATE_WEBHOOK, GET_WEBHOOK, REPLACE_WEBHOOK, PATCH_WEBHOOK,
            DELETE_WEBHOOK, EVENT_TYPES, LIST_DELIVERIES, GET_DELIVERY, RESEND, PUBLISH, PUBLISH_BATCH, OPENAPI, RAW);

    private static final String API = "/api/v1/webhooks";
    private static final List<String> WEBHOOK_FIELDS = List.of("name", "url", "eventTypes", "description", "filter", "headers",
            "encryptedHeaders", "secret", "enabled", "level", "ownerId", "origin", "enableCloudEventDelivery",
            "checkCertificateRevocation", "maxDeliveriesPerSecond", "orderedDelivery", "id", "createdAt", "secretKeyAdded");
    private static final List<String> EVENT_ATTRIBUTES = List.of("specversion", "id", "source", "type", "tenantid", "time",
            "datacontenttype", "data", "userid", "ownerid", "spaceid", "toplevelresourceid", "traceparent", "Type", "x-y",
            "averyveryverylongattributename", "");
    private static final List<String> PATCH_PATHS = List.of("/name", "/description", "/url", "/eventTypes", "/headers",
            "/enabled", "/secret", "/encryptedHeaders", "/enableCloudEventDelivery", "/level", "/filter", "/ownerId",
            "/origin", "/id", "/headers/X-A", "/eventTypes/0", "/eventTypes/-", "", "/", "name", "/~1", "/~", "/name/0",
            "/checkCertificateRevocation", "/maxDeliveriesPerSecond", "/orderedDelivery", "/NAME", "/name/", "//name");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data", "application/json; charset=utf-16", "application/json; charset=iso-8859-1",
            "application/json; charset=no-such-charset", "application/json; charset=", "application/json;;;", "application/",
            "/", "*/*", "application/*", "application/json-patch+json", "application/cloudevents+json",
            "application/cloudevents-batch+json", "application/octet-stream", "application/json; boundary=x",
            "APPLICATION/JSON", "application/json; charset=\"utf-8\"", "text/json", "application/merge-patch+json");
    private static final List<String> ACCEPTS = List.of("text/html", "application/xml", "*/*", "application/json;q=0",
            "application/json;q=abc", "a/b/c", ";;;", "application/json, text/plain;q=0.5", "", "text/*;q=2",
            "application/json;charset=no-such-charset", "image/png");

    private final Known known;
    private final FuzzValues v;
    private final long maxRequestBytes;

    BadRequests(Known known, FuzzValues values, long maxRequestBytes) {
        this.known = known;
        this.v = values;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** A request to a random endpoint, sometimes with a bad token, odd headers or the wrong method on top. */
    Request next() {
        String endpoint = v.pick(ENDPOINTS);
        Request request = forEndpoint(endpoint);
        if (request.raw() != null) {
            return request;
        }
        if (v.chance(0.08)) {
            request = badAuthorization(request);
        }
        if (v.chance(0.15)) {
            request = oddHeaders(request);
        }
        if (v.chance(0.03)) {
            request = request.withMethod(v.pick("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FUZZ", "CONNECT"));
        }
        return request;
    }

    private Request forEndpoint(String endpoint) {
        return switch (endpoint) {
            case LIST_WEBHOOKS -> request(endpoint, "GET", API + query(webhookListParameters()), null);
            case CREATE_WEBHOOK -> withBody(request(endpoint, "POST", API, userOrAdmin()), webhookBody(), "application/json");
            case GET_WEBHOOK -> request(endpoint, "GET", API + "/" + id(known.victimWebhookId()), userOrAdmin());
            case REPLACE_WEBHOOK -> withBody(request(endpoint, "PUT", API + "/" + id(known.victimWebhookId()), userOrAdmin()),
                    webhookBody(), "application/json");
            case PATCH_WEBHOOK -> withBody(request(endpoint, "PATCH", API + "/" + id(known.victimWebhookId()), userOrAdmin()),
                    patchBody(), v.pick("application/json", "application/json-patch+json"));
            case DELETE_WEBHOOK -> request(endpoint, "DELETE", API + "/" + id(known.disposableWebhookId()), userOrAdmin());
            case EVENT_TYPES -> request(endpoint, v.chance(0.9) ? "GET" : v.pick("POST", "PUT", "DELETE", "PATCH"),
                    API + "/event-types" + (v.chance(0.5) ? query(randomParameters()) : ""), userOrAdmin());
            case LIST_DELIVERIES -> request(endpoint, "GET", API + "/" + deliveringId() + "/deliveries"
                    + query(deliveryListParameters()), null);
            case GET_DELIVERY -> request(endpoint, "GET", API + "/" + deliveringId() + "/deliveries/" + id(known.deliveryId()), null);
            case RESEND -> resend();
            case PUBLISH -> publish(endpoint, event(), v.pick("application/cloudevents+json", "application/json"));
            case PUBLISH_BATCH -> publish(endpoint, batch(), "application/cloudevents-batch+json");
            case OPENAPI -> request(endpoint, v.chance(0.8) ? "GET" : v.pick("POST", "PUT", "DELETE"),
                    "/api/v1/openapi.json" + (v.chance(0.5) ? query(randomParameters()) : ""), null).withHeader("Authorization", v.pick(null, "Bearer x"));
            default -> rawRequest();
        };
    }

    private Request request(String endpoint, String method, String target, String token) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Authorization", "Bearer " + (token == null ? known.adminToken() : token)});
        headers.add(new String[] {"Accept", "application/json"});
        return new Request(endpoint, method, target, headers, null, null);
    }

    private String userOrAdmin() {
        return v.chance(0.15) ? known.userToken() : known.adminToken();
    }

    /** Mostly the JSON as generated, sometimes damaged, empty, oversized, or of another content type. */
    private Request withBody(Request request, Object json, String contentType) {
        byte[] body = switch (v.random().nextInt(20)) {
            case 0 -> new byte[0];
            case 1 -> FuzzValues.write(v.json(3)).getBytes(StandardCharsets.UTF_8);
            case 2 -> oversized();
            case 3, 4, 5 -> v.mangle(FuzzValues.write(json).getBytes(StandardCharsets.UTF_8));
            case 6 -> v.unicode(v.between(1, 200)).getBytes(StandardCharsets.UTF_16);
            default -> FuzzValues.write(json).getBytes(StandardCharsets.UTF_8);
        };
        if (body.length > 4 * maxRequestBytes) {
            body = java.util.Arrays.copyOf(body, (int) maxRequestBytes + 4096); // still oversized, without wasting memory
        }
        String type = v.chance(0.85) ? contentType : v.chance(0.9) ? v.pick(CONTENT_TYPES) : null;
        Request withType = type == null ? request : request.withHeader("Content-Type", type);
        return new Request(withType.endpoint(), withType.method(), withType.target(), withType.headers(), body, null);
    }

    private byte[] oversized() {
        String filler = "x".repeat((int) maxRequestBytes + v.between(1, 4096));
        return ("{\"name\":\"" + filler + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    // ---- ids and paths

    /** The real id, or one of many ways to spell a wrong one: other UUID forms, traversal, encoded slashes, junk. */
    private String id(String real) {
        return switch (v.random().nextInt(24)) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> real;
            case 8 -> real.toUpperCase();
            case 9 -> "{" + real + "}";
            case 10 -> real.replace("-", "");
            case 11 -> real.substring(1) + v.pick("x", "0", "-", "%20");
            case 12 -> UUID.randomUUID().toString();
            case 13 -> encode(v.text());
            case 14 -> v.pick("..", "%2e%2e", "..%2F..%2Fevents", "%2F", "%5C", "%00", "%252F", "a%2Fb", "%2e", ".",
                    "..%2f..%2f..%2fhealthcheck", "%c0%ae%c0%ae%2f", "%E2%80%AE", "%ef%bc%8f", "%u002e");
            case 15 -> real + v.pick(";x=y", ";jsessionid=1", "/", "/..", "/../" + real, "%3B", "?x", "#frag", "%23", "/.");
            case 16 -> "a".repeat(v.pick(100, 1000, 5000, 9000));
            case 17 -> "";
            case 18 -> "." + "/" + real;
            case 19 -> v.pick("%ZZ", "%", "%G1", "%%");
            case 20 -> encode(v.unicode(v.between(1, 36)));
            case 21 -> encode(v.controls(v.between(1, 5)));
            case 22 -> real.replace('a', 'g');
            default -> "-1";
        };
    }

    private String deliveringId() {
        return id(known.deliveringWebhookId());
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    // ---- query parameters and cursors

    private String query(List<String[]> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        for (String[] parameter : parameters) {
            query.append(query.length() == 1 ? "" : "&");
            boolean raw = v.chance(0.05);
            query.append(raw ? parameter[0] : encode(parameter[0]));
            if (parameter[1] != null) {
                query.append('=').append(raw ? parameter[1] : encode(parameter[1]));
            }
        }
        if (v.chance(0.03)) {
            query.append(v.pick("&", "&&&", "&=", "&=x", "&%", "&a=%ZZ", "#x", "&" + "q=".repeat(1000)));
        }
        return query.toString();
    }

    private List<String[]> webhookListParameters() {
        String sort = v.pick(null, "name", "-name", "+url", "url", "createdAt", "-createdAt", "+updatedAt", "-updatedAt");
        List<String[]> parameters = new ArrayList<>();
        if (sort != null) {
            parameters.add(new String[] {"sort", v.chance(0.85) ? sort : badSort(sort)});
        }
        int count = v.between(0, 4);
        for (int i = 0; i < count; i++) {
            String name = v.pick("limit", "next", "prev", "name", "url", "enabled", "level", "origins", "eventTypes", "ownerId",
                    "createdByUserId", "updatedByUserId", "sort", v.ascii(v.between(1, 10)));
            parameters.add(new String[] {name, listValue(name, sort == null ? "-createdAt" : wire(sort), known.webhookCursors())});
        }
        return parameters;
    }

    private List<String[]> deliveryListParameters() {
        String sort = v.pick(null, "status", "-status", "+triggeredAt", "triggeredAt", "-triggeredAt");
        List<String[]> parameters = new ArrayList<>();
        if (sort != null) {
            parameters.add(new String[] {"sort", v.chance(0.85) ? sort : badSort(sort)});
        }
        int count = v.between(0, 4);
        for (int i = 0; i < count; i++) {
            String name = v.pick("limit", "next", "prev", "eventType", "status", "sort", v.ascii(v.between(1, 10)));
            parameters.add(new String[] {name, listValue(name, sort == null ? "-triggeredAt" : wire(sort), known.deliveryCursors())});
        }
        return parameters;
    }

    private String listValue(String name, String sortWire, List<String> cursors) {
        return switch (name) {
            case "limit" -> v.pick("0", "1", "100", "101", "-1", "2147483648", "99999999999999999999999", "1.0", "1.5", "1e2",
                    "0x10", "+5", " 5", "\u0663", "", "null", "1e999999999", v.text());
            case "next", "prev" -> cursor(sortWire, cursors);
            case "enabled" -> v.pick("true", "false", "TRUE", "1", "", v.text());
            case "level" -> v.pick("tenant", "user", "TENANT", "", v.text());
            case "origins" -> v.pick("api", "automations,management-console", ",,,", "api,bogus", v.text());
            case "status" -> v.pick("success", "fail", "FAIL", "", v.text());
            case "eventTypes", "eventType" -> v.chance(0.5) ? String.join(",", known.eventTypes()) : v.text();
            default -> v.text();
        };
    }

    private String badSort(String sort) {
        return v.pick(" " + sort.replaceFirst("^[+-]", ""), "--" + sort, sort + ",name", sort.toUpperCase(), "-", "+", "",
                sort + "\u0000", v.text());
    }

    private static String wire(String sort) {
        return sort.startsWith("-") || sort.startsWith("+") ? sort : "+" + sort;
    }

    /** A real cursor, a damaged one, or a forged one that has the right shape but hostile contents. */
    private String cursor(String sortWire, List<String> cursors) {
        return switch (v.random().nextInt(7)) {
            case 0 -> cursors.isEmpty() ? "" : v.pick(cursors);
            case 1 -> cursors.isEmpty() ? "" : damage(v.pick(cursors));
            case 2, 3 -> forge(sortWire);
            case 4 -> Base64.getEncoder().encodeToString(v.text().getBytes(StandardCharsets.UTF_8));
            case 5 -> v.pick("", "=", "====", "c1", "a".repeat(8193), "-_-_", "%00");
            default -> v.text();
        };
    }

    private String damage(String cursor) {
        int at = v.random().nextInt(cursor.length());
        return switch (v.random().nextInt(3)) {
            case 0 -> cursor.substring(0, at);
            case 1 -> cursor.substring(0, at) + (char) v.between(0x21, 0x7e) + cursor.substring(at + 1);
            default -> cursor + v.pick("=", "A", "AAAA", "==");
        };
    }

    private String forge(String sortWire) {
        String direction = v.pick("NEXT", "PREV", "NEXT", "PREV", "next", "", "SIDEWAYS");
        String sort = v.chance(0.8) ? sortWire : v.pick("-createdAt", "+name", "+status", "-triggeredAt", v.text());
        String id = v.chance(0.6) ? UUID.randomUUID().toString() : v.text();
        String sortValue = v.pick(Long.toString(Long.MAX_VALUE), Long.toString(Long.MIN_VALUE), "-1", "0", "253402300800000000",
                "-62135596800000001", "-377705116800000001", "9".repeat(30), "abc", "", "1e3", "1.5", "0x10", v.text(), v.text());
        String plain = String.join("\n", v.chance(0.9) ? "c1" : v.text(), direction, sort, id, sortValue)
                + (v.chance(0.1) ? "\n" + v.text() : "");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private List<String[]> randomParameters() {
        List<String[]> parameters = new ArrayList<>();
        int count = v.between(1, 3);
        for (int i = 0; i < count; i++) {
            parameters.add(new String[] {v.chance(0.5) ? v.pick("limit", "sort", "next", "name") : v.text(), v.chance(0.1) ? null : v.text()});
        }
        return parameters;
    }

    // ---- webhook bodies

    private Object webhookBody() {
        Map<String, Object> body = validWebhook();
        int mutations = v.chance(0.15) ? 0 : v.between(1, 3);
        for (int i = 0; i < mutations; i++) {
            mutateWebhookField(body);
        }
        return v.chance(0.03) ? List.of(body) : body;
    }

    private Map<String, Object> validWebhook() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "fuzz " + v.ascii(v.between(1, 20)));
        body.put("url", known.receiverUrl() + "/fuzz/" + v.between(0, 99));
        body.put("eventTypes", List.of(v.pick(known.eventTypes())));
        if (v.chance(0.5)) {
            body.put("description", v.ascii(v.between(0, 50)));
        }
        if (v.chance(0.3)) {
            body.put("filter", v.pick("spaceId eq \"s1\"", "id eq \"a\" or (spaceId ne \"b\" and topLevelResourceId eq \"c\")"));
        }
        if (v.chance(0.3)) {
            body.put("headers", Map.of("X-Fuzz", v.ascii(v.between(1, 20))));
        }
        if (v.chance(0.2)) {
            body.put("encryptedHeaders", Map.of("X-Api-Key", v.ascii(v.between(1, 40))));
        }
        if (v.chance(0.3)) {
            body.put("secret", "s".repeat(v.between(32, 64)));
        }
        if (v.chance(0.3)) {
            body.put("level", v.pick("tenant", "user"));
        }
        if (v.chance(0.2)) {
            body.put("ownerId", v.pick("admin", "alice", "bob"));
        }
        if (v.chance(0.2)) {
            body.put("origin", v.pick("api", "automations", "management-console"));
        }
        if (v.chance(0.3)) {
            body.put("enabled", v.chance(0.3));
        }
        return body;
    }

    private void mutateWebhookField(Map<String, Object> body) {
        String field = v.chance(0.9) ? v.pick(WEBHOOK_FIELDS) : v.text();
        switch (v.random().nextInt(10)) {
            case 0, 1 -> body.put(field, v.json(2));
            case 2 -> body.remove(field);
            case 3 -> body.put(field, v.text());
            case 4, 5, 6 -> body.put(field, nastyFor(field));
            case 7 -> body.put(field, null);
            case 8 -> body.put(field, v.deepNesting());
            default -> body.put(field, new FuzzValues.Raw(v.pick("1e400", "-0", "123456789012345678901234567890", "\"\\ud800\"",
                    "\"\\u0000\"", "[null]", "{}", "[]", "\"a\",\"name\":\"b\"")));
        }
    }

    private Object nastyFor(String field) {
        return switch (field) {
            case "url" -> badUrl();
            case "filter" -> badFilter();
            case "headers", "encryptedHeaders" -> badHeaders();
            case "eventTypes" -> badEventTypes();
            case "secret" -> v.pick("short", "s".repeat(31), "s".repeat(65), "é".repeat(32), "\uD83D\uDE00".repeat(20), v.text());
            case "ownerId" -> v.pick("x".repeat(256), "x".repeat(10_000), "alice", "", " ", "\u0000", v.unicode(300), v.text());
            case "name", "description" -> v.pick("x".repeat(513), "x".repeat(1025), v.unicode(600), v.huge(), v.text());
            default -> v.text();
        };
    }

    private String badUrl() {
        String base = known.receiverUrl();
        return v.pick("javascript:alert(1)", "http://", "https://[::1", "https://exa mple.com", "https://example.com:99999",
                "https://example.com:-1", "//example.com", "https://user:pass@example.com", "https://example.com/#frag",
                "file:///etc/passwd", "https://" + "a".repeat(v.between(64, 3000)) + ".com", "https://例え.jp", "https://xn--/",
                "https://a..b", "https://%00", "https://example.com/\u0000", "gopher://127.0.0.1:25/", "https://example.com:0",
                "https://[fe80::1%25eth0]/", "HTTPS://EXAMPLE.COM", base + "/" + v.text(), base + "?" + v.text(),
                base + "/%ZZ", "https://example.com/" + "a".repeat(2100), "https://" + v.unicode(20) + ".com", " " + base,
                base + " ", "http:\\\\example.com", "https:example.com", "mailto:x@example.com", "https://0x7f.1/");
    }

    private String badFilter() {
        return v.pick("id eq", "((((((((", "(".repeat(v.between(60, 70)) + "id eq \"a\"" + ")".repeat(v.between(60, 70)),
                "(".repeat(100_000), "spaceId eq \"" + v.huge() + "\"", "data.status eq \"ok\"", "id eq 'x'",
                "id eq \"x\" and", "not (id eq \"x\")", "id pr", "ID EQ \"x\"", "id eq \"\\", "id eq \"\\u12\"",
                "id eq \"\\uD800\"", "id eq \"x\" or ".repeat(500) + "id eq \"y\"", "\u0000", "id eq \"" + v.unicode(10) + "\"",
                "spaceId eq \"a\") or (id eq \"b\"", "id gt \"a\"", "id eq null", "id eq 1", v.text());
    }

    private Object badHeaders() {
        Map<String, Object> headers = new LinkedHashMap<>();
        switch (v.random().nextInt(6)) {
            case 0 -> headers.put("X-A", "v\r\nX-Injected: 1");
            case 1 -> headers.put(v.pick("Bad Name", "X:A", "", "X-\u00e9", "X-A\r\n", "Content-Type", "host", "Qlik-Signature",
                    "webhook-id", "Proxy-Authorization", "x-a"), "v");
            case 2 -> {
                for (int i = 0; i < v.pick(50, 1000); i++) {
                    headers.put("X-H" + i, "v");
                }
            }
            case 3 -> headers.put("X-A", v.pick(v.huge(), v.text(), v.controls(3)));
            case 4 -> headers.put("X-A", v.json(2));
            default -> {
                return v.pick(List.of("X-A", "v"), "X-A: v", 1);
            }
        }
        return headers;
    }

    private Object badEventTypes() {
        return switch (v.random().nextInt(5)) {
            case 0 -> List.of(v.text());
            case 1 -> java.util.Collections.nCopies(v.pick(101, 200, 10_000), v.pick(known.eventTypes()));
            case 2 -> java.util.Arrays.asList(null, "", " ");
            case 3 -> List.of(1, true, List.of(), Map.of());
            default -> v.pick(known.eventTypes());
        };
    }

    // ---- JSON Patch bodies

    private Object patchBody() {
        if (v.chance(0.1)) {
            return v.json(2);
        }
        List<Object> operations = new ArrayList<>();
        int count = v.chance(0.03) ? v.pick(1000, 10_000) : v.between(0, 4);
        for (int i = 0; i < count; i++) {
            operations.add(count > 100 ? Map.of("op", "replace", "path", "/name", "value", "n" + i) : patchOperation());
        }
        return operations;
    }

    private Object patchOperation() {
        if (v.chance(0.05)) {
            return v.json(1);
        }
        Map<String, Object> operation = new LinkedHashMap<>();
        String path = v.chance(0.9) ? v.pick(PATCH_PATHS) : v.text();
        operation.put("op", v.chance(0.8) ? v.pick("replace", "add", "remove") : v.pick("move", "copy", "test", "", "REPLACE", v.text()));
        operation.put("path", path);
        operation.put("value", v.chance(0.5) ? valueFor(path) : v.json(2));
        if (v.chance(0.1)) {
            operation.remove(v.pick("op", "path", "value"));
        }
        if (v.chance(0.05)) {
            operation.put("from", v.pick(PATCH_PATHS));
        }
        if (v.chance(0.05)) {
            operation.put(v.pick("op", "path"), v.json(1));
        }
        return operation;
    }

    private Object valueFor(String path) {
        return switch (path) {
            case "/name", "/description" -> v.chance(0.5) ? "patched " + v.ascii(5) : v.text();
            case "/url" -> v.chance(0.5) ? known.receiverUrl() + "/patched" : badUrl();
            case "/eventTypes" -> v.chance(0.5) ? List.of(v.pick(known.eventTypes())) : badEventTypes();
            case "/headers", "/encryptedHeaders" -> v.chance(0.5) ? Map.of("X-B", "b") : badHeaders();
            case "/enabled", "/enableCloudEventDelivery", "/checkCertificateRevocation" -> v.chance(0.7) ? v.random().nextBoolean() : v.text();
            case "/secret" -> v.chance(0.5) ? "p".repeat(40) : nastyFor("secret");
            case "/filter" -> badFilter();
            // valid limits stay high, so that fuzzing never slows the deliveries other checks wait for
            case "/maxDeliveriesPerSecond" -> v.chance(0.5) ? 1_000 + v.random().nextInt(9_001)
                    : v.pick(List.<Object>of(0, 10_001, "abc", 1.5, -1, Long.MAX_VALUE, 2.0));
            // the valid value stays false, so that fuzzing never queues the deliveries other checks wait for one by one
            case "/orderedDelivery" -> v.chance(0.3) ? false : v.pick(List.<Object>of("yes", "true", 1, 0, 1.5, List.of(true)));
            default -> v.json(1);
        };
    }

    // ---- events

    private Request publish(String endpoint, Object body, String contentType) {
        String token = switch (v.random().nextInt(10)) {
            case 0 -> known.userToken();
            case 1, 2, 3 -> known.adminToken();
            default -> known.publisherToken();
        };
        Request request = request(endpoint, "POST", "/api/v1/events", token);
        if (v.chance(0.1)) {
            request = request.withHeader("traceparent", v.pick("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                    "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "garbage", "00-" + "a".repeat(5000), v.ascii(55)));
        }
        return withBody(request, body, contentType);
    }

    private Object event() {
        Map<String, Object> event = validEvent();
        int mutations = v.chance(0.15) ? 0 : v.between(1, 3);
        for (int i = 0; i < mutations; i++) {
            mutateEvent(event);
        }
        return event;
    }

    private Map<String, Object> validEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", "fuzz-" + v.random().nextLong());
        event.put("source", "com.qlik/fuzz");
        event.put("type", v.pick(known.eventTypes()));
        event.put("tenantid", known.tenant());
        if (v.chance(0.7)) {
            event.put("time", "2026-01-01T00:00:00Z");
        }
        if (v.chance(0.5)) {
            event.put("spaceid", "s1");
        }
        if (v.chance(0.3)) {
            event.put("userid", "alice");
        }
        event.put("data", Map.of("id", "app-" + v.between(0, 9), "status", v.pick("ok", "error")));
        return event;
    }

    private void mutateEvent(Map<String, Object> event) {
        String attribute = v.chance(0.85) ? v.pick(EVENT_ATTRIBUTES) : v.text();
        switch (v.random().nextInt(8)) {
            case 0, 1 -> event.put(attribute, v.json(2));
            case 2 -> event.remove(attribute);
            case 3 -> event.put(attribute, v.text());
            case 4 -> event.put("time", v.pick("2026-13-45T99:99:99Z", "2026-06-30T23:59:60Z", "9999999-01-01T00:00:00Z",
                    "2026-01-01T00:00:00", "2026-01-01t00:00:00z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00+25:00",
                    "0000-01-01T00:00:00Z", "-2026-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "", v.text()));
            case 5 -> event.put(attribute, v.pick("x".repeat(256), "x".repeat(1025), v.unicode(300), v.huge(), ""));
            case 6 -> event.put("data", v.chance(0.5) ? v.deepNesting() : v.json(3));
            default -> event.put(attribute, new FuzzValues.Raw(v.pick("1e400", "\"\\ud800\"", "\"\\u0000\"", "null", "[]",
                    "\"a\",\"id\":\"dup\"", "\"1.0\",\"specversion\":\"1.0\"")));
        }
    }

    private Object batch() {
        List<Object> events = new ArrayList<>();
        int size = switch (v.random().nextInt(20)) {
            case 0 -> 0;
            case 1 -> v.pick(101, 1000);
            default -> v.between(1, 5);
        };
        for (int i = 0; i < size; i++) {
            events.add(size > 100 || v.chance(0.7) ? validEvent() : v.chance(0.8) ? event() : v.json(2));
        }
        return v.chance(0.05) ? Map.of("events", events) : v.chance(0.03) ? List.of(events) : events;
    }

    // ---- resend

    private Request resend() {
        boolean real = v.chance(0.1);
        String webhook = real ? known.deliveringWebhookId() : deliveringId();
        String delivery = real ? known.deliveryId() : id(known.deliveryId());
        Request request = request(RESEND, "POST", API + "/" + webhook + "/deliveries/" + delivery + "/actions/resend", null);
        return v.chance(0.5) ? request : withBody(request, v.json(2), "application/json");
    }

    // ---- bad tokens and odd headers

    private Request badAuthorization(Request request) {
        String token = known.adminToken();
        String value = v.pick(null, "Bearer", "Bearer ", "Bearer " + v.ascii(40), "Basic dXNlcjpwYXNz", "Bearer " + token + "x",
                "Bearer " + "a".repeat(v.pick(2000, 7000, 9000)), "Bearer a.b.c", "Bearer " + token + " " + token,
                "bearer " + token, "Bearer " + known.otherTenantToken(), "Bearer " + known.userToken(), token,
                "Bearer " + token.substring(0, token.lastIndexOf('.')) + ".", "Bearer " + token.replace('.', '\u00e9'),
                "Bearer\t" + token, "Bearer " + v.controls(3), "Bearer " + v.unicode(10));
        return request.withHeader("Authorization", value);
    }

    private Request oddHeaders(Request request) {
        Request changed = request;
        int count = v.between(1, 3);
        for (int i = 0; i < count; i++) {
            changed = switch (v.random().nextInt(10)) {
                case 0 -> changed.withHeader("Accept", v.pick(ACCEPTS));
                case 1 -> changed.withHeader("Content-Encoding", v.pick("gzip", "deflate", "br", "identity", "x-bogus", "gzip, gzip"));
                case 2 -> changed.withHeader("Accept-Charset", v.pick("utf-16", "bogus", "*", ""));
                case 3 -> changed.withHeader("traceparent", v.pick("00-" + "f".repeat(32) + "-" + "f".repeat(16) + "-ff", v.text()));
                case 4 -> changed.withExtraHeader(v.pick("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Forwarded",
                        "X-HTTP-Method-Override", "X-Original-URL"), v.pick("DELETE", "evil.example.com", "127.0.0.1", "https", v.text()));
                case 5 -> changed.withExtraHeader("X-" + v.ascii(v.between(1, 20)).replaceAll("[^A-Za-z0-9-]", "a"),
                        v.pick(v.text(), "v".repeat(v.pick(1000, 4000, 7000, 9000, 20_000))));
                case 6 -> changed.withHeader(v.pick("Cookie", "Range", "If-None-Match", "Accept-Language", "If-Modified-Since"), v.text());
                case 7 -> changed.withHeader("Content-Type", v.pick(CONTENT_TYPES));
                case 8 -> changed.withExtraHeader("Authorization", "Bearer " + known.otherTenantToken());
                default -> changed.withHeader(v.pick("Content-Length", "Host", "Expect", "Connection", "Transfer-Encoding"),
                        v.pick("0", "-1", "abc", "99999999999999999999", "evil.example.com", "100-continue", "close", "chunked", ""));
            };
        }
        return changed;
    }

    // ---- raw HTTP

    private Request rawRequest() {
        String token = known.adminToken();
        String auth = "Authorization: Bearer " + token + "\r\n";
        String path = API + "/" + known.victimWebhookId();
        String json = "{\"name\":\"raw\"}";
        String raw = switch (v.random().nextInt(32)) {
            case 0 -> "GARBAGE\r\n\r\n";
            case 1 -> "GET " + API + " HTTP/1.1\r\n" + auth + "\r\n";
            case 2 -> "GET " + API + " HTTP/9.9\r\nHost: x\r\n" + auth + "\r\n";
            case 3 -> "GET " + API + "\r\n\r\n";
            case 4 -> "GET /api/v1/web hooks HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n";
            case 5 -> "GET http://evil.example.com" + API + " HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n";
            case 6 -> "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            case 7 -> "GET " + API + "/" + v.pick("%ZZ", "%", "%00", "../../../etc/passwd", "..%2F..%2F", "\u00e9", "a\tb", "%C0%AF")
                    + " HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n";
            case 8 -> "GET " + API + " HTTP/1.1\r\nHost: x\r\nFoo bar\r\n" + auth + "Connection: close\r\n\r\n";
            case 9 -> "GET " + API + " HTTP/1.1\r\nHost: x\r\nFoo Bar: x\r\n" + auth + "Connection: close\r\n\r\n";
            case 10 -> "GET " + API + " HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n" + auth + "Connection: close\r\n\r\n";
            case 11 -> "GET " + API + " HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n" + auth + "Connection: close\r\n\r\n";
            case 12 -> "GET " + API + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(v.pick(9000, 20_000, 100_000)) + "\r\n" + auth
                    + "Connection: close\r\n\r\n";
            case 13 -> "GET " + API + " HTTP/1.1\r\nHost: x\r\n" + "X-Many: 1\r\n".repeat(v.pick(200, 1000)) + auth
                    + "Connection: close\r\n\r\n";
            case 14 -> post(path, "PUT", auth, "Content-Length: " + v.pick("-1", "abc", "99999999999999999999", "1 2", "+5", "0x10")
                    + "\r\n", json);
            case 15 -> post(path, "PUT", auth, "Content-Length: 1\r\nContent-Length: 2\r\n", json);
            case 16 -> post(API, "POST", auth, "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n");
            case 17 -> post(API, "POST", auth, "Transfer-Encoding: chunked\r\n", v.pick("zz\r\nabc\r\n0\r\n\r\n",
                    "ffffffffffffffff\r\nabc\r\n0\r\n\r\n", "5\r\nabc", "3;ext=\"x\r\nabc\r\n0\r\n\r\n", "-1\r\n\r\n"));
            case 18 -> post(API, "POST", auth, "Transfer-Encoding: " + v.pick("gzip, chunked", "identity", "bogus", "chunked, chunked")
                    + "\r\n", "0\r\n\r\n");
            case 19 -> post(API, "POST", auth, "Content-Length: " + v.pick(100, 10_000, 2_000_000) + "\r\n", json);
            case 20 -> post(API, "POST", auth, "Expect: 100-continue\r\nContent-Length: " + json.length() + "\r\n", json);
            case 21 -> "GET " + API + " HTTP/1.0\r\n" + auth + "\r\n";
            case 22 -> "get " + API + " HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n";
            case 23 -> "G\u0000ET " + API + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            case 24 -> "GET " + API + "/" + "a".repeat(v.pick(9000, 100_000)) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            case 25 -> "GET " + API + " HTTP/1.1\r\nHost: x\r\nHost: y\r\n" + auth + "Connection: close\r\n\r\n";
            case 26 -> "GET " + API + " HTTP/1.1\r\nHost: " + v.pick("", "a b", "x:99999", "[::1", "\u00e9") + "\r\n" + auth
                    + "Connection: close\r\n\r\n";
            case 27 -> "GET " + API + " HTTP/1.1\nHost: x\n" + auth.replace("\r", "") + "Connection: close\n\n";
            case 28 -> post("/api/v1/events", "POST", auth, "Content-Type: application/cloudevents+json\r\nContent-Length: "
                    + json.length() + "\r\n", json.substring(0, 5));
            case 29 -> "GET " + API + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token.substring(0, 20) + "\u00ff\u00fe"
                    + "\r\nConnection: close\r\n\r\n";
            case 30 -> "\r\n\r\n\r\nGET " + API + " HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n";
            default -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
        };
        return new Request(RAW, "", "", List.of(), null, raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String post(String path, String method, String auth, String framing, String body) {
        return method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n" + framing
                + "Connection: close\r\n\r\n" + body;
    }
}
