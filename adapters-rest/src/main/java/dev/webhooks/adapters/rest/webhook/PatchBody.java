package dev.webhooks.adapters.rest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.webhook.PatchOperation;
import java.util.ArrayList;
import java.util.List;

/** Turns a JSON Patch body into domain operations; the body must be an array of {op, path, value} objects. */
final class PatchBody {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private PatchBody() {
    }

    static List<PatchOperation> operations(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new InvalidInputException(ErrorCode.MALFORMED_JSON, "a JSON request body is required");
        }
        if (!body.isArray()) {
            throw invalid("the body must be a JSON array of {\"op\", \"path\", \"value\"} operations");
        }
        List<PatchOperation> operations = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            operations.add(operation(body.get(i), i));
        }
        return operations;
    }

    private static PatchOperation operation(JsonNode node, int index) {
        if (!node.isObject()) {
            throw invalid("operation " + index + " must be an object");
        }
        JsonNode op = node.get("op");
        JsonNode path = node.get("path");
        if (op == null || !op.isTextual() || path == null || !path.isTextual()) {
            throw invalid("operation " + index + " needs string 'op' and 'path' members");
        }
        Object value = node.has("value") ? PLAIN.convertValue(node.get("value"), Object.class) : null;
        return new PatchOperation(PatchOperation.Op.fromWireName(op.asText()), path.asText(), value);
    }

    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException(ErrorCode.INVALID_PATCH, detail);
    }
}
