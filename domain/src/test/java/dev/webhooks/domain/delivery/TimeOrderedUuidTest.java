package dev.webhooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidTest {

    @Test
    void idsMadeForThePresentSortInTheOrderTheyWereMadeEvenWithinOneMillisecond() {
        Instant now = Instant.now();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(TimeOrderedUuid.at(now).toString());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made.get(0)).isGreaterThan(TimeOrderedUuid.lowestAt(now).toString());
        assertThat(made.get(made.size() - 1)).isLessThan(TimeOrderedUuid.lowestAt(now.plusSeconds(1)).toString());
    }

    @Test
    void anIdForAMomentLongPastKeepsItsMillisecond() {
        TimeOrderedUuid.at(Instant.now());
        Instant past = Instant.now().minus(java.time.Duration.ofDays(30));

        UUID id = TimeOrderedUuid.at(past);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(past.toEpochMilli());
        assertThat(id.toString()).isGreaterThanOrEqualTo(TimeOrderedUuid.lowestAt(past).toString())
                .isLessThan(TimeOrderedUuid.lowestAt(past.plusMillis(1)).toString());
    }
}
