package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which webhook URLs are acceptable: https only unless plain http is allowed (development), and no IP literals (in
 * any notation a resolver accepts) or local host names unless they fall in an explicitly allowed address range.
 */
public record TargetPolicy(boolean allowHttp, List<CidrRange> allowedRanges) {
    public static final TargetPolicy STRICT = new TargetPolicy(false, List.of());

    public TargetPolicy {
        allowedRanges = List.copyOf(allowedRanges);
    }

    public void check(WebhookUrl url) {
        if (!url.isHttps() && !allowHttp) {
            throw InvalidInputException.field("url", "must use https");
        }
        Optional<InetAddress> address = addressNamedBy(url.host());
        boolean refused = address.isPresent() ? !isAllowed(address.get()) : Ipv4Notations.looksNumeric(url.host());
        if (refused) {
            throw InvalidInputException.field("url", "must name a host by its domain name, not an IP address or a local name");
        }
    }

    public boolean isAllowed(InetAddress address) {
        return allowedRanges.stream().anyMatch(range -> range.contains(address));
    }

    private static Optional<InetAddress> addressNamedBy(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return Optional.of(InetAddress.getLoopbackAddress());
        }
        return CidrRange.literal(host).or(() -> Ipv4Notations.parse(host));
    }
}
