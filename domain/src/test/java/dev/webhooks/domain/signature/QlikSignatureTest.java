package dev.webhooks.domain.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class QlikSignatureTest {

    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    /** printf '%s' '{"a":1}' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef */
    private static final String EXPECTED = "f0546246da9e2349100c845a8561214788d75d900f3c086a72fcfa03bb1f42ab";

    @Test
    void signsWithAKnownVector() {
        assertThat(QlikSignature.sign(BODY, SECRET)).isEqualTo(EXPECTED);
    }

    @Test
    void matchesAnIndependentHmacComputation() throws Exception {
        String secret = "sécret-ключ";
        byte[] body = "{\"x\":\"日本\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(QlikSignature.sign(body, secret)).isEqualTo(HexFormat.of().formatHex(mac.doFinal(body)));
    }

    @Test
    void verifiesItsOwnSignature() {
        assertThat(QlikSignature.verify(BODY, SECRET, EXPECTED)).isTrue();
        assertThat(QlikSignature.verify(BODY, SECRET, " " + EXPECTED.toUpperCase() + " ")).isTrue();
    }

    @Test
    void rejectsWrongBodySecretOrSignature() {
        assertThat(QlikSignature.verify("{\"a\":2}".getBytes(StandardCharsets.UTF_8), SECRET, EXPECTED)).isFalse();
        assertThat(QlikSignature.verify(BODY, SECRET + "x", EXPECTED)).isFalse();
        assertThat(QlikSignature.verify(BODY, SECRET, EXPECTED.substring(1))).isFalse();
        assertThat(QlikSignature.verify(BODY, SECRET, "")).isFalse();
        assertThat(QlikSignature.verify(BODY, SECRET, null)).isFalse();
    }

    @Test
    void emptySecretIsAProgrammingError() {
        assertThatThrownBy(() -> QlikSignature.sign(BODY, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
