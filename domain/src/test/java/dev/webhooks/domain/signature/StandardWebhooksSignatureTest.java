package dev.webhooks.domain.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardWebhooksSignatureTest {

    /** The test vector published with the Standard Webhooks reference libraries. */
    private static final byte[] KEY = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant NOW = Instant.ofEpochSecond(TIMESTAMP);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void headerNames() {
        assertThat(StandardWebhooksSignature.HEADER_ID).isEqualTo("webhook-id");
        assertThat(StandardWebhooksSignature.HEADER_TIMESTAMP).isEqualTo("webhook-timestamp");
        assertThat(StandardWebhooksSignature.HEADER_SIGNATURE).isEqualTo("webhook-signature");
    }

    @Test
    void signsTheReferenceVector() {
        assertThat(StandardWebhooksSignature.sign(MSG_ID, TIMESTAMP, BODY, KEY)).isEqualTo(EXPECTED);
    }

    @Test
    void verifiesAValidSignature() {
        assertThat(verify(BODY, KEY, "1614265330", EXPECTED, NOW)).isTrue();
        assertThat(verify(BODY, KEY, "1614265330", EXPECTED, NOW.plus(TOLERANCE))).isTrue();
        assertThat(verify(BODY, KEY, "1614265330", EXPECTED, NOW.minus(TOLERANCE))).isTrue();
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(verify(tampered, KEY, "1614265330", EXPECTED, NOW)).isFalse();
    }

    @Test
    void rejectsAWrongKey() {
        byte[] wrong = KEY.clone();
        wrong[0] ^= 1;
        assertThat(verify(BODY, wrong, "1614265330", EXPECTED, NOW)).isFalse();
    }

    @Test
    void rejectsTimestampsOutsideTheTolerance() {
        assertThat(verify(BODY, KEY, "1614265330", EXPECTED, NOW.plus(TOLERANCE).plusSeconds(1))).isFalse();
        assertThat(verify(BODY, KEY, "1614265330", EXPECTED, NOW.minus(TOLERANCE).minusSeconds(1))).isFalse();
    }

    @Test
    void rejectsATamperedOrMalformedTimestamp() {
        assertThat(verify(BODY, KEY, "1614265331", EXPECTED, NOW)).isFalse();
        assertThat(verify(BODY, KEY, "abc", EXPECTED, NOW)).isFalse();
        assertThat(verify(BODY, KEY, "-1614265330", EXPECTED, NOW)).isFalse();
        assertThat(verify(BODY, KEY, "99999999999999999999", EXPECTED, NOW)).isFalse();
        assertThat(verify(BODY, KEY, null, EXPECTED, NOW)).isFalse();
    }

    @Test
    void acceptsAnyMatchingEntryOfASpaceSeparatedList() {
        String other = StandardWebhooksSignature.sign(MSG_ID, TIMESTAMP, BODY, "another key".getBytes(StandardCharsets.UTF_8));
        assertThat(verify(BODY, KEY, "1614265330", other + " " + EXPECTED, NOW)).isTrue();
        assertThat(verify(BODY, KEY, "1614265330", "v1a,abc  " + EXPECTED + " v2,xyz", NOW)).isTrue();
        assertThat(verify(BODY, KEY, "1614265330", other + " v1,bogus", NOW)).isFalse();
    }

    @Test
    void rejectsMissingOrOtherVersionSignatures() {
        assertThat(verify(BODY, KEY, "1614265330", "", NOW)).isFalse();
        assertThat(verify(BODY, KEY, "1614265330", null, NOW)).isFalse();
        assertThat(verify(BODY, KEY, "1614265330", EXPECTED.replace("v1,", "v2,"), NOW)).isFalse();
        assertThat(verify(BODY, KEY, "1614265330", EXPECTED.substring(3), NOW)).isFalse();
    }

    @Test
    void messageIdIsPartOfTheSignature() {
        assertThat(StandardWebhooksSignature.verify("msg_other", "1614265330", BODY, KEY, EXPECTED, NOW, TOLERANCE)).isFalse();
    }

    private static boolean verify(byte[] body, byte[] key, String timestamp, String header, Instant now) {
        return StandardWebhooksSignature.verify(MSG_ID, timestamp, body, key, header, now, TOLERANCE);
    }
}
