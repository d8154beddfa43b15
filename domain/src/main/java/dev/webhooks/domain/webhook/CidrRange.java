package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address range in CIDR notation, such as {@code 127.0.0.0/8} or {@code fd00::/8}. */
public record CidrRange(String text, byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public static CidrRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress network = literal(address)
                .orElseThrow(() -> new InvalidInputException(dev.webhooks.domain.ErrorCode.VALIDATION_FAILED,
                        "'" + text + "' is not a CIDR range"));
        int maxBits = network.getAddress().length * 8;
        int prefix = slash < 0 ? maxBits : parsePrefix(text, trimmed.substring(slash + 1), maxBits);
        return new CidrRange(trimmed, network.getAddress(), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int bits = network.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefixLength).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    /** Parses an IP literal without ever asking DNS; empty for anything that is not a literal. */
    public static java.util.Optional<InetAddress> literal(String host) {
        boolean ipv4 = IPV4.matcher(host).matches();
        boolean ipv6 = host.indexOf(':') >= 0 && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        if (!ipv4 && !ipv6) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException | SecurityException invalid) {
            return java.util.Optional.empty();
        }
    }

    private static int parsePrefix(String text, String prefix, int maxBits) {
        try {
            int value = Integer.parseInt(prefix);
            if (value < 0 || value > maxBits) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(dev.webhooks.domain.ErrorCode.VALIDATION_FAILED,
                    "'" + text + "' has an invalid prefix length");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
