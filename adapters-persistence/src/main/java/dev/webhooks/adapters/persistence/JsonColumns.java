package dev.webhooks.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** Lists and maps kept as JSON text in portable TEXT columns (no vendor JSON functions). */
final class JsonColumns {
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };
    private static final TypeReference<java.util.LinkedHashMap<String, String>> MAP = new TypeReference<>() { };

    private final ObjectMapper mapper = new ObjectMapper();

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a column value", e);
        }
    }

    List<String> readList(String text) {
        return text == null ? List.of() : read(text, LIST);
    }

    Map<String, String> readMap(String text) {
        return text == null ? Map.of() : read(text, MAP);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored column is not valid JSON", e);
        }
    }
}
