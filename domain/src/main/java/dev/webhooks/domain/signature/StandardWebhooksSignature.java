package dev.webhooks.domain.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;

/** Signatures as defined by the Standard Webhooks specification (https://www.standardwebhooks.com), version v1. */
public final class StandardWebhooksSignature {

    public static final String HEADER_ID = "webhook-id";
    public static final String HEADER_TIMESTAMP = "webhook-timestamp";
    public static final String HEADER_SIGNATURE = "webhook-signature";
    public static final String VERSION_PREFIX = "v1,";

    private StandardWebhooksSignature() {
    }

    /** Returns {@code v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">}. */
    public static String sign(String messageId, long timestampSeconds, byte[] body, byte[] key) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        Mac mac = HmacSha256.newMac(key);
        mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return VERSION_PREFIX + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /**
     * Verifies a {@code webhook-signature} header (space-separated {@code v1,<sig>} entries, any one may match)
     * in constant time; rejects a timestamp further than {@code tolerance} from {@code now}.
     */
    public static boolean verify(String messageId, String timestampHeader, byte[] body, byte[] key,
                                 String signatureHeader, Instant now, Duration tolerance) {
        if (messageId == null || signatureHeader == null || body == null) {
            return false;
        }
        Long timestamp = parseTimestamp(timestampHeader);
        if (timestamp == null || !withinTolerance(timestamp, now, tolerance)) {
            return false;
        }
        byte[] expected = sign(messageId, timestamp, body, key).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : signatureHeader.trim().split(" +")) {
            if (candidate.startsWith(VERSION_PREFIX)) {
                matched |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8));
            }
        }
        return matched;
    }

    private static Long parseTimestamp(String header) {
        if (header == null || !header.trim().matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(header.trim());
    }

    private static boolean withinTolerance(long timestampSeconds, Instant now, Duration tolerance) {
        long difference = Math.abs(now.getEpochSecond() - timestampSeconds);
        return difference <= tolerance.getSeconds();
    }
}
