package dev.webhooks.domain.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.util.Arrays;

/**
 * One JSON Patch (RFC 6902) operation on a webhook. {@code value} is a plain Java value as read from JSON:
 * String, Boolean, Number, {@code Map<String, Object>}, {@code List<Object>} or null.
 */
public record PatchOperation(Op op, String path, Object value) {

    /** The supported operations; {@code add} and {@code replace} both set the field. */
    public enum Op {
        ADD("add"), REMOVE("remove"), REPLACE("replace");

        private final String wireName;

        Op(String wireName) {
            this.wireName = wireName;
        }

        public static Op fromWireName(String text) {
            return Arrays.stream(values())
                    .filter(op -> op.wireName.equals(text))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(ErrorCode.INVALID_PATCH,
                            "unsupported op '" + text + "'; supported: add, remove, replace"));
        }
    }

    public PatchOperation {
        if (op == null) {
            throw new InvalidInputException(ErrorCode.INVALID_PATCH, "every operation needs an 'op'");
        }
        if (path == null) {
            throw new InvalidInputException(ErrorCode.INVALID_PATCH, "every operation needs a 'path'");
        }
    }
}
