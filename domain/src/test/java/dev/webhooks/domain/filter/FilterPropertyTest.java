package dev.webhooks.domain.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property-style tests over generated and mutated filters, with fixed seeds so failures reproduce. */
class FilterPropertyTest {
    private static final List<String> VALUES = List.of("a", "b", "c");
    private static final FilterAttribute[] ATTRIBUTES = {FilterAttribute.ID, FilterAttribute.SPACE_ID, FilterAttribute.TOP_LEVEL_RESOURCE_ID};

    /** A generated filter text and a reference evaluator built alongside it. */
    private record Generated(String text, java.util.function.Predicate<FilterSubject> expected) {
    }

    @Test
    void generatedFiltersEvaluateLikeTheirReference() {
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            Generated generated = expression(random, 0);
            Filter filter = Filter.parse(generated.text());
            for (int s = 0; s < 10; s++) {
                FilterSubject subject = randomSubject(random);
                assertThat(filter.matches(subject)).as(generated.text()).isEqualTo(generated.expected().test(subject));
            }
        }
    }

    @Test
    void randomAndMutatedTextOnlyEverFailsWithSyntaxErrors() {
        Random random = new Random(1234);
        String alphabet = "() \"\\eqnadorid.spacIdtuxé\t";
        for (int i = 0; i < 20000; i++) {
            String text = i % 2 == 0 ? mutate(expression(random, 0).text(), random, alphabet) : randomText(random, alphabet);
            parseOrSyntaxError(text);
        }
        parseOrSyntaxError("(".repeat(10000));
        parseOrSyntaxError("(".repeat(10000) + "id eq \"a\"" + ")".repeat(10000));
        parseOrSyntaxError("x".repeat(5000));
        parseOrSyntaxError("id eq \"a\" and ".repeat(200) + "id eq \"a\"");
    }

    private static void parseOrSyntaxError(String text) {
        try {
            Filter.parse(text);
        } catch (FilterSyntaxException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static Generated expression(Random random, int depth) {
        int choice = depth > 4 ? 0 : random.nextInt(4);
        if (choice == 0) {
            FilterAttribute attribute = ATTRIBUTES[random.nextInt(ATTRIBUTES.length)];
            String value = VALUES.get(random.nextInt(VALUES.size()));
            boolean negated = random.nextBoolean();
            String text = attribute.attributeName() + (negated ? " ne " : " eq ") + "\"" + value + "\"";
            return new Generated(text, s -> value.equals(s.attributeValue(attribute)) != negated);
        }
        Generated left = expression(random, depth + 1);
        Generated right = expression(random, depth + 1);
        if (choice == 1) {
            return new Generated("(" + left.text() + ") and (" + right.text() + ")", left.expected().and(right.expected()));
        }
        if (choice == 2) {
            return new Generated("(" + left.text() + ") or (" + right.text() + ")", left.expected().or(right.expected()));
        }
        return new Generated("(" + left.text() + ")", left.expected());
    }

    private static FilterSubject randomSubject(Random random) {
        String[] values = new String[ATTRIBUTES.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(4) == 0 ? null : VALUES.get(random.nextInt(VALUES.size()));
        }
        return attribute -> attribute.ordinal() < values.length ? values[attribute.ordinal()] : null;
    }

    private static String mutate(String text, Random random, String alphabet) {
        StringBuilder builder = new StringBuilder(text);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && builder.length() > 0; m++) {
            int at = random.nextInt(builder.length());
            switch (random.nextInt(3)) {
                case 0 -> builder.deleteCharAt(at);
                case 1 -> builder.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> builder.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return builder.toString();
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder builder = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            builder.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return builder.toString();
    }
}
