package dev.webhooks.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryRateTest {

    @Test
    void acceptsWholeNumbersFromOneToTenThousand() {
        assertThat(DeliveryRate.fromJson(1)).isEqualTo(new DeliveryRate(1));
        assertThat(DeliveryRate.fromJson(10_000L)).isEqualTo(new DeliveryRate(10_000));
        assertThat(DeliveryRate.fromJson(BigInteger.valueOf(20))).isEqualTo(new DeliveryRate(20));
        assertThat(DeliveryRate.fromJson(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10_001, Integer.MAX_VALUE})
    void rejectsOutOfRange(int value) {
        assertInvalid(value);
    }

    @Test
    void rejectsWhatIsNotAnInteger() {
        for (Object value : List.of("abc", "20", 1.5, 2.0, new BigDecimal("3"), true, List.of(1),
                BigInteger.TWO.pow(40))) {
            assertInvalid(value);
        }
    }

    @Test
    void intervalIsRoundedUpToTheMicrosecond() {
        assertThat(new DeliveryRate(20).interval()).isEqualTo(Duration.ofMillis(50));
        assertThat(new DeliveryRate(3).interval()).isEqualTo(Duration.ofNanos(333_334_000));
        assertThat(new DeliveryRate(10_000).interval()).isEqualTo(Duration.ofNanos(100_000));
    }

    @Test
    void definitionsHaveNoLimitUnlessGivenOne() {
        assertThat(WebhookFixtures.definition().build().rateLimit()).isEmpty();
        assertThat(WebhookFixtures.definition(b -> b.maxDeliveriesPerSecond = new DeliveryRate(5)).rateLimit())
                .contains(new DeliveryRate(5));
    }

    private static void assertInvalid(Object value) {
        assertThatThrownBy(() -> DeliveryRate.fromJson(value))
                .as("%s", value)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("maxDeliveriesPerSecond")
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
}
