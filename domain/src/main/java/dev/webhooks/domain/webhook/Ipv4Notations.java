package dev.webhooks.domain.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IPv4 addresses written in the other notations resolvers accept (inet_aton): one to four parts, each decimal, octal
 * (leading 0) or hex (0x), the last part filling the remaining bytes, as in {@code 2130706433}, {@code 0x7f000001},
 * {@code 0177.0.0.1} or {@code 127.1}. No domain name ends in a numeric label (RFC 3696, section 2), so a host that
 * does is an address, whichever notation a resolver reads it in.
 */
final class Ipv4Notations {
    private static final Pattern NUMBER = Pattern.compile("0x[0-9a-f]*|[0-9]+");

    private Ipv4Notations() {
    }

    static boolean looksNumeric(String host) {
        String[] labels = withoutTrailingDot(host).split("\\.", -1);
        return NUMBER.matcher(labels[labels.length - 1].toLowerCase(Locale.ROOT)).matches();
    }

    /** The address a host in one of these notations names; empty when it is not one (or not a valid one). */
    static Optional<InetAddress> parse(String host) {
        String[] parts = withoutTrailingDot(host).toLowerCase(Locale.ROOT).split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            long max = last ? (1L << (8 * (4 - i))) - 1 : 255;
            Optional<Long> value = number(parts[i]).filter(v -> v <= max);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            address = last ? (address << (8 * (4 - i))) | value.get() : (address << 8) | value.get();
        }
        return Optional.of(ipv4(address));
    }

    private static Optional<Long> number(String part) {
        if (!NUMBER.matcher(part).matches() || part.equals("0x") || part.length() > 12) {
            return Optional.empty();
        }
        int radix = part.startsWith("0x") ? 16 : part.length() > 1 && part.startsWith("0") ? 8 : 10;
        try {
            return Optional.of(Long.parseLong(radix == 16 ? part.substring(2) : part, radix));
        } catch (NumberFormatException notInThatRadix) {
            return Optional.empty();
        }
    }

    private static InetAddress ipv4(long address) {
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
