package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The shared secret that signs deliveries; 32 to 64 characters, never printed. */
public final class Secret {
    public static final int MIN_LENGTH = 32;
    public static final int MAX_LENGTH = 64;

    private final String value;

    public Secret(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw InvalidInputException.field("secret", "must be between 32 and 64 characters long");
        }
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    public byte[] keyBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
