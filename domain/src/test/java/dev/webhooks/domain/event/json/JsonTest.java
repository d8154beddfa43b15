package dev.webhooks.domain.event.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "\"\"", "0", "-0", "1.5e+10", "-12.340E-5", "123456789012345678901234567890.000000000000001",
        "true", "false", "null", "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
        "[1,[2,[3,[]]],{}]", "\"héllo \\\"world\\\" \\\\ \\n\"", "1E400", "0.0000"
    })
    void compactTextRoundTripsExactly(String text) {
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }

    @Test
    void whitespaceIsDroppedWhenWriting() {
        assertThat(Json.write(Json.parse(" \t\r\n{ \"a\" : [ 1 , 2 ] ,\n\"b\":null } \n"))).isEqualTo("{\"a\":[1,2],\"b\":null}");
    }

    @Test
    void numberTextIsKeptExactly() {
        JsonArray array = (JsonArray) Json.parse("[1.0, 1e2, 1E+2, -0.10, 12345678901234567890123]");
        assertThat(array.elements()).extracting(v -> ((JsonNumber) v).text())
                .containsExactly("1.0", "1e2", "1E+2", "-0.10", "12345678901234567890123");
        assertThat(((JsonNumber) array.elements().get(3)).toBigDecimal()).isEqualByComparingTo(new BigDecimal("-0.1"));
    }

    @Test
    void objectKeepsInsertionOrderAndIsUnmodifiable() {
        JsonObject object = (JsonObject) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");
        assertThat(object.members().keySet()).containsExactly("z", "a", "m");
        assertThat(object.get("a")).contains(new JsonNumber("2"));
        assertThat(object.get("missing")).isEmpty();
        assertThatThrownBy(() -> object.members().put("x", JsonNull.INSTANCE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void objectCopiesItsInput() {
        Map<String, JsonValue> source = new LinkedHashMap<>();
        source.put("a", JsonBoolean.TRUE);
        JsonObject object = new JsonObject(source);
        source.put("b", JsonBoolean.FALSE);
        assertThat(object.members()).containsOnlyKeys("a");
    }

    @Test
    void escapesAreDecoded() {
        JsonString s = (JsonString) Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\uD83D\\uDE00\"");
        assertThat(s.value()).isEqualTo("\"\\/\b\f\n\r\tAé\uD83D\uDE00");
    }

    @Test
    void writerEscapesControlCharactersAndKeepsNonAscii() {
        String value = "q\"b\\s/\b\f\n\r\t\u0000\u001f\u007f é 日本 \uD83D\uDE00";
        String written = Json.write(new JsonString(value));
        assertThat(written).isEqualTo("\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f é 日本 \uD83D\uDE00\"");
        assertThat(Json.parse(written)).isEqualTo(new JsonString(value));
    }

    @Test
    void everyControlCharacterRoundTrips() {
        StringBuilder sb = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            sb.append(c);
        }
        String written = Json.write(new JsonString(sb.toString()));
        assertThat(written.chars().allMatch(c -> c >= 0x20)).isTrue();
        assertThat(((JsonString) Json.parse(written)).value()).isEqualTo(sb.toString());
    }

    @Test
    void valuesCompareStructurally() {
        assertThat(Json.parse("{\"a\":[1,\"x\"]}")).isEqualTo(new JsonObject(Map.of("a", JsonArray.of(JsonNumber.of(1), new JsonString("x")))));
        assertThat(Json.parse("1.0")).isNotEqualTo(Json.parse("1"));
    }

    @Test
    void depthLimitIsOneHundred() {
        String ok = "[".repeat(100) + "]".repeat(100);
        assertThat(Json.write(Json.parse(ok))).isEqualTo(ok);
        String tooDeep = "[".repeat(101) + "]".repeat(101);
        assertMalformed(tooDeep, "nesting deeper than 100 at position 100");
        assertMalformed("{\"a\":".repeat(101) + "1" + "}".repeat(101), "nesting deeper than 100 at position 500");
    }

    @Test
    void hugeNestingIsRejectedWithoutStackOverflow() {
        assertMalformed("[".repeat(100_000), "nesting deeper than 100 at position 100");
        assertMalformed("{\"a\":".repeat(100_000), "nesting deeper than 100 at position 500");
    }

    @Test
    void jsonNumberRejectsInvalidText() {
        assertThatThrownBy(() -> new JsonNumber("01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonNumber("1.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonNumber("NaN")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseObjectRequiresAnObject() {
        assertThat(Json.parseObject("{\"a\":1}").size()).isEqualTo(1);
        assertMalformed("[1]", Json::parseObject, "expected a JSON object at position 0");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``| unexpected end of input at position 0",
        "`   `| unexpected end of input at position 3",
        "`[1,]`| trailing comma at position 2",
        "`{\"a\":1,}`| trailing comma at position 6",
        "`{\"a\":1 , }`| trailing comma at position 7",
        "`[1 2]`| expected ',' or ']' but found '2' at position 3",
        "`{\"a\" 1}`| expected ':' but found '1' at position 5",
        "`{\"a\":1 \"b\":2}`| expected ',' or '}' but found '\"' at position 7",
        "`{a:1}`| expected a string key but found 'a' at position 1",
        "`{,}`| expected a string key but found ',' at position 1",
        "`{\"a\":1,\"a\":2}`| duplicate key \"a\" at position 7",
        "`[1] x`| unexpected trailing content 'x' at position 4",
        "`{}{}`| unexpected trailing content '{' at position 2",
        "`// c\\n1`| unexpected character '/' at position 0",
        "`[1 /* c */]`| expected ',' or ']' but found '/' at position 3",
        "`'a'`| unexpected character ''' at position 0",
        "`[tru]`| invalid literal (expected 'true') at position 1",
        "`nul`| invalid literal (expected 'null') at position 0",
        "`True`| unexpected character 'T' at position 0",
        "`01`| invalid number (leading zero) at position 0",
        "`-`| invalid number at position 1",
        "`1.`| invalid number at position 2",
        "`.5`| unexpected character '.' at position 0",
        "`1e`| invalid number at position 2",
        "`+1`| unexpected character '+' at position 0",
        "`[NaN]`| unexpected character 'N' at position 1",
        "`\"abc`| unterminated string starting at position 0",
        "`\"a\\x\"`| invalid escape sequence at position 2",
        "`\"\\u12G4\"`| invalid unicode escape at position 1",
        "`\"\\u12\"`| invalid unicode escape at position 1",
        "`\"\\uD800\"`| unpaired surrogate escape at position 1",
        "`\"\\uDC00\"`| unpaired surrogate escape at position 1",
        "`\"\\uD800\\u0041\"`| unpaired surrogate escape at position 1",
        "`[1,\\n\"\\t\"]`| unescaped control character U+0009 in string at position 5",
        "`\u00a01`| unexpected character U+00A0 at position 0",
        "`\ufeff{}`| unexpected character U+FEFF at position 0",
        "`[\"\\`| unexpected end of input at position 3",
        "`[`| unexpected end of input at position 1",
        "`{\"a\":`| unexpected end of input at position 5",
        "`{\"a\"`| expected ':' but found end of input at position 4",
    })
    void malformedInputIsRejectedWithPosition(String input, String detail) {
        assertMalformed(input.replace("\\n", "\n").replace("\\t", "\t"), detail);
    }

    @Test
    void rawUnpairedSurrogateIsRejected() {
        assertMalformed("\"a\uD800b\"", "unpaired surrogate U+D800 in string at position 2");
        assertMalformed("\"\uDC00\"", "unpaired surrogate U+DC00 in string at position 1");
    }

    @Test
    void nullInputIsMalformed() {
        assertMalformed(null, "unexpected end of input at position 0");
    }

    @Test
    void jsonBooleanAndNull() {
        assertThat(Json.parse("[true,false,null]")).isEqualTo(new JsonArray(List.of(JsonBoolean.TRUE, JsonBoolean.of(false), JsonNull.INSTANCE)));
    }

    static void assertMalformed(String input, String detail) {
        assertMalformed(input, Json::parse, detail);
    }

    static void assertMalformed(String input, java.util.function.Function<String, ?> parser, String detail) {
        assertThatThrownBy(() -> parser.apply(input))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
                    assertThat(e.detail()).isEqualTo(detail);
                });
    }
}
