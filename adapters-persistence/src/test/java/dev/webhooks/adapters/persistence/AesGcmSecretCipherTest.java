package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AesGcmSecretCipherTest {
    private static final byte[] KEY_A = filled(1);
    private static final byte[] KEY_B = filled(2);

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) value);
        return key;
    }

    @Test
    void roundTripsAndNeverRepeatsCiphertext() {
        AesGcmSecretCipher cipher = new AesGcmSecretCipher("a", Map.of("a", KEY_A));
        String first = cipher.encrypt("hello", "row-1");
        assertThat(first).startsWith("v1:a:").doesNotContain("hello");
        assertThat(cipher.encrypt("hello", "row-1")).isNotEqualTo(first);
        assertThat(cipher.decrypt(first, "row-1")).isEqualTo("hello");
    }

    @Test
    void bindsTheValueToItsRow() {
        AesGcmSecretCipher cipher = new AesGcmSecretCipher("a", Map.of("a", KEY_A));
        String sealed = cipher.encrypt("hello", "row-1");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "row-2")).hasMessageContaining("tampered").hasMessageNotContaining("hello");
    }

    @Test
    void detectsTampering() {
        AesGcmSecretCipher cipher = new AesGcmSecretCipher("a", Map.of("a", KEY_A));
        String sealed = cipher.encrypt("hello", "row");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "row")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsOldKeysAfterRotation() {
        String sealed = new AesGcmSecretCipher("a", Map.of("a", KEY_A)).encrypt("hello", "row");
        AesGcmSecretCipher rotated = new AesGcmSecretCipher("b", Map.of("a", KEY_A, "b", KEY_B));
        assertThat(rotated.decrypt(sealed, "row")).isEqualTo("hello");
        assertThat(rotated.isStale(sealed)).isTrue();
        assertThat(rotated.encrypt("hello", "row")).startsWith("v1:b:");
        AesGcmSecretCipher withoutA = new AesGcmSecretCipher("b", Map.of("b", KEY_B));
        assertThatThrownBy(() -> withoutA.decrypt(sealed, "row")).hasMessageContaining("unknown key id 'a'");
    }

    @Test
    void parsesConfiguredKeys() {
        String config = "new:" + Base64.getEncoder().encodeToString(KEY_B) + ", old:" + Base64.getUrlEncoder().withoutPadding().encodeToString(KEY_A);
        AesGcmSecretCipher cipher = AesGcmSecretCipher.fromConfig(config);
        assertThat(cipher.currentKeyId()).isEqualTo("new");
        assertThat(cipher.toString()).doesNotContain(Base64.getEncoder().encodeToString(KEY_B));
        assertThatThrownBy(() -> AesGcmSecretCipher.fromConfig("short:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> AesGcmSecretCipher.fromConfig("nokey")).hasMessageContaining("keyId:base64key");
    }
}
