package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which webhook URLs are acceptable: https only unless plain http is allowed (development), and no host that the name
 * alone shows to be an address (an IP literal in any notation, a loopback name) outside the allowed ranges, or to
 * lead inside the deployment (see {@link HostNames}) while no range is allowed.
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
        Optional<String> why = whyRefused(url.host());
        if (why.isPresent()) {
            throw InvalidInputException.field("url",
                    "must name a host by its domain name, not an IP address or a local name: " + why.get());
        }
    }

    /**
     * Why a host may not be called, as far as its name tells without DNS; empty when only the addresses it resolves to
     * can tell. The same rule serves at create and when connecting, so both refuse the same names.
     */
    public Optional<String> whyRefused(String host) {
        String name = HostNames.canonical(host);
        Optional<InetAddress> address = HostNames.addressOf(host);
        if (address.isPresent()) {
            return isAllowed(address.get()) ? Optional.empty()
                    : Optional.of(name + " stands for the address " + address.get().getHostAddress());
        }
        if (HostNames.looksLikeAnAddress(host)) {
            return Optional.of(name + " is written like an IP address");
        }
        // where ranges are allowed, internal names are what they are for; their addresses are checked when connecting
        return allowedRanges.isEmpty() ? HostNames.whyInternal(host) : Optional.empty();
    }

    /** True when the address, or the IPv4 address it carries, is in an allowed range. */
    public boolean isAllowed(InetAddress address) {
        return inAllowedRange(address) || EmbeddedIpv4.in(address).filter(this::inAllowedRange).isPresent();
    }

    private boolean inAllowedRange(InetAddress address) {
        return allowedRanges.stream().anyMatch(range -> range.contains(address));
    }
}
