package dev.webhooks.adapters.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM. Values look like {@code v1:<keyId>:<base64url(iv|ciphertext|tag)>};
 * the key id lets old keys stay readable while a new one encrypts, and the associated data (the webhook id) keeps
 * a value from being moved to another row.
 */
public final class AesGcmSecretCipher {
    private static final String PREFIX = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    public AesGcmSecretCipher(String currentKeyId, Map<String, byte[]> keys) {
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("no key with the current key id '" + currentKeyId + "'");
        }
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, key) -> specs.put(checkedId(id), new SecretKeySpec(checkedKey(id, key), "AES")));
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(specs);
    }

    /** Reads {@code keyId:base64key[,keyId:base64key…]}; the first key encrypts, all of them decrypt. */
    public static AesGcmSecretCipher fromConfig(String text) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String current = null;
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("encryption keys must look like keyId:base64key[,keyId:base64key]");
            }
            String id = trimmed.substring(0, colon);
            keys.put(id, decodeKey(id, trimmed.substring(colon + 1)));
            current = current == null ? id : current;
        }
        return new AesGcmSecretCipher(current, keys);
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public String encrypt(String plaintext, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), iv, associatedData, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] payload = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        return PREFIX + ":" + currentKeyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
    }

    public String decrypt(String stored, String associatedData) {
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(PREFIX)) {
            throw new IllegalStateException("a stored secret is not in a known format");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("a stored secret uses the unknown key id '" + parts[1] + "'; configure that key");
        }
        byte[] payload = Base64.getUrlDecoder().decode(parts[2]);
        byte[] iv = java.util.Arrays.copyOf(payload, IV_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(payload, IV_BYTES, payload.length);
        return new String(run(Cipher.DECRYPT_MODE, key, iv, associatedData, sealed), StandardCharsets.UTF_8);
    }

    /** How every value encrypted with the current key starts; anything else needs re-encrypting. */
    public String currentKeyPrefix() {
        return PREFIX + ":" + currentKeyId + ":";
    }

    /** True when the value was encrypted with a key other than the current one (it should be re-encrypted). */
    public boolean isStale(String stored) {
        return !stored.startsWith(currentKeyPrefix());
    }

    private static byte[] run(int mode, SecretKeySpec key, byte[] iv, String associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret could not be " + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted")
                    + " (wrong key or tampered value)");
        }
    }

    private static byte[] decodeKey(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encryption key '" + id + "' is not valid base64");
        }
    }

    private static String checkedId(String id) {
        if (id.isEmpty() || id.contains(":") || id.contains(",")) {
            throw new IllegalArgumentException("an encryption key id may not be empty or contain ':' or ','");
        }
        return id;
    }

    private static byte[] checkedKey(String id, byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("encryption key '" + id + "' must be 32 bytes (AES-256), not " + key.length);
        }
        return key;
    }

    @Override
    public String toString() {
        return "AesGcmSecretCipher[current=" + currentKeyId + ", keys=" + keys.keySet() + "]";
    }
}
