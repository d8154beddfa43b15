package dev.webhooks.domain.delivery;

import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The window of a recovery: RFC 3339 bounds, until defaulting to now, since clamped to the retention. */
class RecoveryWindowTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    @Test
    void readsBothBoundsWithAnyOffset() {
        RecoveryWindow window = RecoveryWindow.requested("2026-03-09T13:00:00+01:00", "2026-03-10T00:00:00.5Z", NOW, RETENTION);

        assertThat(window.since()).isEqualTo(Instant.parse("2026-03-09T12:00:00Z"));
        assertThat(window.until()).isEqualTo(Instant.parse("2026-03-10T00:00:00.5Z"));
    }

    @Test
    void untilDefaultsToNowAndNeverPassesIt() {
        assertThat(RecoveryWindow.requested("2026-03-09T00:00:00Z", null, NOW, RETENTION).until()).isEqualTo(NOW);
        assertThat(RecoveryWindow.requested("2026-03-09T00:00:00Z", "2027-01-01T00:00:00Z", NOW, RETENTION).until()).isEqualTo(NOW);
    }

    @Test
    void aSinceOlderThanTheRetentionIsMovedUpToIt() {
        assertThat(RecoveryWindow.requested("2020-01-01T00:00:00Z", null, NOW, RETENTION).since()).isEqualTo(NOW.minus(RETENTION));
    }

    @Test
    void theSameRequestIsRecognisedWhateverTheOffsetButNotWithAnotherUntil() {
        String a = RecoveryWindow.requested("2026-03-09T00:00:00Z", null, NOW, RETENTION).requested();
        String b = RecoveryWindow.requested("2026-03-09T01:00:00+01:00", null, NOW.plusSeconds(30), RETENTION).requested();
        String c = RecoveryWindow.requested("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z", NOW, RETENTION).requested();

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void refusesAMissingOrBadSinceABadUntilAndSinceAfterUntil() {
        assertRefused(() -> RecoveryWindow.requested(null, null, NOW, RETENTION), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> RecoveryWindow.requested("yesterday", null, NOW, RETENTION), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> RecoveryWindow.requested("2026-03-09T00:00:00", null, NOW, RETENTION), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> RecoveryWindow.requested("2026-03-09T00:00:00Z", "soon", NOW, RETENTION), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> RecoveryWindow.requested("2026-03-10T00:00:00Z", "2026-03-09T00:00:00Z", NOW, RETENTION),
                ErrorCode.VALIDATION_FAILED);
    }
}
