package dev.webhooks.adapters.persistence;

import java.nio.ByteBuffer;
import java.util.UUID;

/** UUIDs as the 16 bytes of a BINARY(16) key, which sort like the UUIDs' text. */
final class BinaryIds {
    private BinaryIds() {
    }

    static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
