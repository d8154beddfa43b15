package dev.webhooks.domain.event.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Property tests: for any input the parser returns a value or throws InvalidInputException, nothing else. */
class JsonFuzzTest {

    private static final String SEED_DOCUMENT = "{\"id\":\"A234\",\"n\":[1,-2.5e+3,0,true,false,null],"
            + "\"s\":\"\\u00e9\\n\\\"q\\\"\\uD83D\\uDE00 日本\",\"o\":{\"a\":{\"b\":[[],{}]}}}";
    private static final String ALPHABET = "{}[]:,\"\\/ \t\r\nu0123456789abcdefABCDEF+-.eEtrunlsx\u0000\u001f\u00e9\uD800\uDC00";
    private static final Pattern DETAIL = Pattern.compile(".+ at position \\d+");

    @Test
    void randomGarbageOnlyEverThrowsInvalidInput() {
        Random random = new Random(20240421L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            checkParses(sb.toString());
        }
    }

    @Test
    void mutationsOfAValidDocumentOnlyEverThrowInvalidInput() {
        Random random = new Random(42L);
        for (int i = 0; i < 20_000; i++) {
            checkParses(mutate(SEED_DOCUMENT, random));
        }
    }

    @Test
    void randomValuesRoundTripThroughWriteAndParse() {
        Random random = new Random(7L);
        for (int i = 0; i < 2_000; i++) {
            JsonValue value = randomValue(random, 0);
            String text = Json.write(value);
            assertThat(Json.parse(text)).isEqualTo(value);
            assertThat(Json.write(Json.parse(text))).isEqualTo(text);
        }
    }

    @Test
    void deeplyNestedInputsOfEveryKindAreRejectedCleanly() {
        for (String open : List.of("[", "{\"k\":", "[{\"k\":", " [ ")) {
            checkParses(open.repeat(100_000));
            checkParses(open.repeat(100_000) + "1");
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }

    private static void checkParses(String input) {
        try {
            JsonValue value = Json.parse(input);
            assertThat(Json.parse(Json.write(value))).isEqualTo(value);
        } catch (InvalidInputException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(e.detail()).matches(DETAIL);
        } catch (Throwable t) {
            fail("unexpected " + t + " for input " + Json.write(new JsonString(input.length() > 200 ? input.substring(0, 200) : input)), t);
        }
    }

    private static JsonValue randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 7);
        return switch (kind) {
            case 0 -> JsonNull.INSTANCE;
            case 1 -> JsonBoolean.of(random.nextBoolean());
            case 2 -> new JsonNumber(random.nextBoolean() ? Long.toString(random.nextLong()) : random.nextInt(1000) + "." + random.nextInt(1000) + "e-" + random.nextInt(30));
            case 3, 4 -> new JsonString(randomString(random));
            case 5 -> {
                List<JsonValue> elements = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    elements.add(randomValue(random, depth + 1));
                }
                yield new JsonArray(elements);
            }
            default -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    members.put(randomString(random), randomValue(random, depth + 1));
                }
                yield new JsonObject(members);
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x60);
                case 2 -> 0xA0 + random.nextInt(0xD000);
                default -> 0x10000 + random.nextInt(0x1000);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
