package dev.webhooks.domain.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a list of patch operations to a definition, all or nothing, over exactly the paths the reference
 * allows. A change of URL must come with new encrypted header values (or their removal) so stored secrets never
 * travel to a URL they were not entered for.
 */
public final class WebhookPatch {
    public static final List<String> PATHS = List.of("/name", "/description", "/url", "/eventTypes", "/headers",
            "/enabled", "/secret", "/encryptedHeaders", "/enableCloudEventDelivery", "/maxDeliveriesPerSecond",
            "/orderedDelivery");

    private final List<PatchOperation> operations;

    public WebhookPatch(List<PatchOperation> operations) {
        this.operations = List.copyOf(operations);
        this.operations.forEach(WebhookPatch::checkPath);
    }

    public WebhookDefinition applyTo(WebhookDefinition current) {
        WebhookDefinition.Builder next = current.toBuilder();
        operations.forEach(operation -> apply(operation, next));
        WebhookDefinition result = next.build();
        checkEncryptedHeadersFollowUrl(current, result);
        return result;
    }

    private static void checkPath(PatchOperation operation) {
        if (!PATHS.contains(operation.path())) {
            throw new InvalidInputException(ErrorCode.INVALID_PATCH,
                    "path '" + operation.path() + "' cannot be patched; patchable paths: " + String.join(", ", PATHS));
        }
    }

    private void checkEncryptedHeadersFollowUrl(WebhookDefinition before, WebhookDefinition after) {
        boolean urlChanged = !before.url().equals(after.url());
        boolean headersResupplied = operations.stream().anyMatch(op -> op.path().equals("/encryptedHeaders"));
        if (urlChanged && !before.encryptedHeaders().isEmpty() && !headersResupplied) {
            throw new InvalidInputException(ErrorCode.ENCRYPTED_HEADERS_REQUIRED,
                    "changing 'url' requires new values for the encrypted headers " + before.encryptedHeaders().names()
                            + " (or their removal) in the same request");
        }
    }

    private static void apply(PatchOperation operation, WebhookDefinition.Builder next) {
        boolean remove = operation.op() == PatchOperation.Op.REMOVE;
        Object value = operation.value();
        switch (operation.path()) {
            case "/name" -> next.name = remove ? required("/name") : string("/name", value);
            case "/description" -> next.description = remove ? null : nullableString("/description", value);
            case "/url" -> next.url = remove ? required("/url") : new WebhookUrl(string("/url", value));
            case "/eventTypes" -> next.eventTypes = remove ? List.of() : stringList("/eventTypes", value);
            case "/headers" -> next.headers = remove ? HeaderMap.EMPTY : new HeaderMap("headers", stringMap("/headers", value));
            case "/enabled" -> next.enabled = !remove && bool("/enabled", value);
            case "/secret" -> next.secret = remove ? null : new Secret(string("/secret", value));
            case "/encryptedHeaders" -> next.encryptedHeaders = remove
                    ? HeaderMap.EMPTY : new HeaderMap("encryptedHeaders", stringMap("/encryptedHeaders", value));
            case "/enableCloudEventDelivery" -> next.enableCloudEventDelivery = remove || bool("/enableCloudEventDelivery", value);
            case "/maxDeliveriesPerSecond" -> next.maxDeliveriesPerSecond = remove ? null : DeliveryRate.fromJson(value);
            case "/orderedDelivery" -> next.orderedDelivery = !remove && bool("/orderedDelivery", value);
            default -> throw new IllegalStateException("unchecked path " + operation.path());
        }
    }

    private static <T> T required(String path) {
        throw new InvalidInputException(ErrorCode.INVALID_PATCH, "'" + path + "' is required and cannot be removed");
    }

    private static String string(String path, Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw wrongType(path, "a string");
    }

    private static String nullableString(String path, Object value) {
        return value == null ? null : string(path, value);
    }

    private static boolean bool(String path, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(path, "a boolean");
    }

    private static List<String> stringList(String path, Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw wrongType(path, "an array of strings");
        }
        List<String> strings = new ArrayList<>();
        list.forEach(item -> strings.add((String) item));
        return strings;
    }

    private static Map<String, String> stringMap(String path, Object value) {
        if (!(value instanceof Map<?, ?> map) || !map.values().stream().allMatch(String.class::isInstance)) {
            throw wrongType(path, "an object whose values are strings");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((name, headerValue) -> strings.put((String) name, (String) headerValue));
        return strings;
    }

    private static InvalidInputException wrongType(String path, String expected) {
        return new InvalidInputException(ErrorCode.INVALID_PATCH, "the value for '" + path + "' must be " + expected);
    }
}
