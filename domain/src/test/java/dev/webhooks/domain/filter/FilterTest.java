package dev.webhooks.domain.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterTest {

    static FilterSubject subject(String id, String spaceId, String topLevelResourceId, String status) {
        Map<FilterAttribute, String> values = new EnumMap<>(FilterAttribute.class);
        if (id != null) values.put(FilterAttribute.ID, id);
        if (spaceId != null) values.put(FilterAttribute.SPACE_ID, spaceId);
        if (topLevelResourceId != null) values.put(FilterAttribute.TOP_LEVEL_RESOURCE_ID, topLevelResourceId);
        if (status != null) values.put(FilterAttribute.DATA_STATUS, status);
        return values::get;
    }

    @Test
    void parsesTheReferenceExample() {
        Filter filter = Filter.parse("id eq \"id123\" or spaceId eq \"spaceId123\" or spaceId eq \"spaceId456\" or topLevelResourceId eq \"id789\"");
        assertThat(filter.attributes()).containsExactlyInAnyOrder(FilterAttribute.ID, FilterAttribute.SPACE_ID, FilterAttribute.TOP_LEVEL_RESOURCE_ID);
        assertThat(filter.matches(subject(null, "spaceId456", null, null))).isTrue();
        assertThat(filter.matches(subject("x", "y", "z", null))).isFalse();
    }

    @Test
    void andBindsTighterThanOr() {
        Filter filter = Filter.parse("id eq \"a\" or id eq \"b\" and spaceId eq \"s\"");
        assertThat(filter.matches(subject("a", null, null, null))).isTrue();
        assertThat(filter.matches(subject("b", null, null, null))).isFalse();
        assertThat(filter.matches(subject("b", "s", null, null))).isTrue();
    }

    @Test
    void parenthesesOverridePrecedence() {
        Filter filter = Filter.parse("(id eq \"a\" or id eq \"b\")and(spaceId eq \"s\")");
        assertThat(filter.matches(subject("a", null, null, null))).isFalse();
        assertThat(filter.matches(subject("a", "s", null, null))).isTrue();
    }

    @Test
    void neIsTrueWhenAbsentOrDifferent() {
        Filter filter = Filter.parse("spaceId ne \"s\"");
        assertThat(filter.matches(subject(null, null, null, null))).isTrue();
        assertThat(filter.matches(subject(null, "t", null, null))).isTrue();
        assertThat(filter.matches(subject(null, "s", null, null))).isFalse();
    }

    @Test
    void keywordsAndAttributesAreCaseInsensitiveValuesAreNot() {
        Filter filter = Filter.parse("SPACEID EQ \"S\" AND Id Ne \"x\"");
        assertThat(filter.matches(subject("y", "S", null, null))).isTrue();
        assertThat(filter.matches(subject("y", "s", null, null))).isFalse();
    }

    @Test
    void decodesJsonEscapes() {
        Filter filter = Filter.parse("id eq \"a\\\"b\\\\c\\u00e9\\n\"");
        assertThat(filter.matches(subject("a\"b\\cé\n", null, null, null))).isTrue();
        assertThat(filter.text()).isEqualTo("id eq \"a\\\"b\\\\c\\u00e9\\n\"");
    }

    @Test
    void dataStatusTakesOkOrError() {
        assertThat(Filter.parse("data.status eq \"error\"").matches(subject(null, null, null, "error"))).isTrue();
        assertThatThrownBy(() -> Filter.parse("data.status eq \"done\""))
                .hasMessage("value of data.status must be \"ok\" or \"error\" at position 15");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "id eqq \"x\"|unexpected token 'eqq' at position 3; expected an operator (eq, ne)",
            "id eq \"abc|unterminated string starting at position 6",
            "foo eq \"x\"|unknown attribute 'foo' at position 0; supported: id, spaceId, topLevelResourceId, data.status",
            "id co \"x\"|unsupported operator 'co' at position 3; supported: eq, ne",
            "not (id eq \"x\")|unsupported operator 'not' at position 0; supported: eq, ne",
            "(id eq \"x\" or id eq \"y\"|expected ')' at position 23",
            "spaceId eq|unexpected end of filter at position 10; expected a value",
            "id eq x|unexpected token 'x' at position 6; expected a JSON string value in double quotes",
            "id eq 42|unexpected token '42' at position 6; expected a JSON string value in double quotes",
            "id eq \"a\" spaceId eq \"b\"|unexpected token 'spaceId' at position 10; expected 'and', 'or' or the end of the filter",
            "id eq \"a\" and|unexpected end of filter at position 13; expected an attribute or '('",
            "id eq \"\\x\"|invalid escape '\\x' at position 7",
            ")|unexpected token ')' at position 0; expected an attribute or '('",
    })
    void explainsWhatIsWrongAndWhere(String text, String message) {
        assertThatThrownBy(() -> Filter.parse(text)).isInstanceOf(FilterSyntaxException.class).hasMessage(message);
    }

    @Test
    void refusesEmptyLongAndDeepFilters() {
        assertThatThrownBy(() -> Filter.parse("  ")).hasMessage("filter is empty");
        assertThatThrownBy(() -> Filter.parse("id eq \"" + "a".repeat(5000) + "\"")).hasMessage("filter is longer than 4096 characters");
        assertThatThrownBy(() -> Filter.parse("(".repeat(65) + "id eq \"a\"" + ")".repeat(65)))
                .hasMessage("filter nests deeper than 64 levels at position 64");
        assertThat(Filter.parse("(".repeat(64) + "id eq \"a\"" + ")".repeat(64)).matches(subject("a", null, null, null))).isTrue();
    }
}
