package dev.webhooks.domain.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/** The {@code Qlik-Signature} header: lowercase hex HMAC-SHA256 of the raw request body keyed with the webhook secret. */
public final class QlikSignature {

    public static final String HEADER = "Qlik-Signature";

    private QlikSignature() {
    }

    /** Signs the exact body bytes with the secret's UTF-8 bytes; returns 64 lowercase hex characters. */
    public static String sign(byte[] body, String secret) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secret, "secret");
        byte[] mac = HmacSha256.newMac(secret.getBytes(StandardCharsets.UTF_8)).doFinal(body);
        return HexFormat.of().formatHex(mac);
    }

    /** Checks a received header value (hex, any case, surrounding spaces ignored) in constant time. */
    public static boolean verify(byte[] body, String secret, String signatureHeader) {
        if (signatureHeader == null) {
            return false;
        }
        byte[] expected = sign(body, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signatureHeader.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }
}
