package dev.webhooks.domain.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The IPv4 address carried inside an IPv6 one: IPv4-mapped ({@code ::ffff:0:0/96}), IPv4-compatible ({@code ::/96}),
 * NAT64 ({@code 64:ff9b::/96}) or 6to4 ({@code 2002::/16}); packets to it end up at that IPv4 address.
 */
public final class EmbeddedIpv4 {
    private EmbeddedIpv4() {
    }

    /** The IPv4 address inside {@code address}, or empty when it is IPv4 itself or carries none. */
    public static Optional<InetAddress> in(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            return Optional.empty();
        }
        if (isMapped(bytes) || isCompatible(bytes) || isNat64(bytes)) {
            return Optional.of(ipv4(bytes, 12));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return Optional.of(ipv4(bytes, 2));
        }
        return Optional.empty();
    }

    private static boolean isMapped(byte[] bytes) {
        return isZero(bytes, 0, 10) && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** ::a.b.c.d, except :: and ::1 which are IPv6's own unspecified and loopback addresses. */
    private static boolean isCompatible(byte[] bytes) {
        return isZero(bytes, 0, 12) && !(isZero(bytes, 12, 15) && (bytes[15] == 0 || bytes[15] == 1));
    }

    private static boolean isNat64(byte[] bytes) {
        return bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b && isZero(bytes, 4, 12);
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] bytes, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
