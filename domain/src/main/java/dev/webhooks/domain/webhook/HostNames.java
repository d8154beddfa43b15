package dev.webhooks.domain.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a URL's host says about where it leads before any DNS lookup. Resolvers read some hosts as addresses (IP
 * literals in any notation) or as this machine (loopback names, in any case and with or without the trailing dot of
 * an absolute name); other names only local configuration can resolve (single labels completed from the search list,
 * special-use and private-use domains), so they lead inside the deployment whatever public DNS says.
 */
public final class HostNames {
    private static final InetAddress LOOPBACK_V4 = address(new byte[] {127, 0, 0, 1});
    private static final InetAddress LOOPBACK_V6 = address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    /** The loopback names of RFC 6761 and of the /etc/hosts files Debian, Ubuntu, RHEL and Fedora ship. */
    private static final Map<String, InetAddress> LOOPBACK_NAMES = Map.of(
            "localhost", LOOPBACK_V4,
            "localhost.localdomain", LOOPBACK_V4,
            "localhost4", LOOPBACK_V4,
            "localhost4.localdomain4", LOOPBACK_V4,
            "localhost6", LOOPBACK_V6,
            "localhost6.localdomain6", LOOPBACK_V6,
            "ip6-localhost", LOOPBACK_V6,
            "ip6-loopback", LOOPBACK_V6);
    /**
     * Top-level domains no public DNS answers for, so only local configuration (hosts files, internal zones,
     * multicast DNS) resolves names under them, and why.
     */
    private static final Map<String, String> INTERNAL_DOMAINS = Map.ofEntries(
            Map.entry("localhost", "a loopback domain (RFC 6761)"),
            Map.entry("local", "the link-local multicast DNS domain (RFC 6762)"),
            Map.entry("internal", "reserved for private networks (ICANN, 2024)"),
            Map.entry("arpa", "an infrastructure domain (home.arpa for home networks, RFC 8375; reverse and ipv4only.arpa names are answered locally)"),
            Map.entry("localdomain", "the conventional domain of this machine in hosts files, never delegated"),
            Map.entry("lan", "the default local domain of common home and office routers, never delegated"),
            Map.entry("home", "used by private networks and never to be delegated (ICANN, 2018)"),
            Map.entry("corp", "used by private networks and never to be delegated (ICANN, 2018)"),
            Map.entry("mail", "used by private networks and never to be delegated (ICANN, 2018)"),
            Map.entry("test", "reserved for testing and resolved only by local configuration (RFC 6761)"),
            Map.entry("example", "reserved for documentation and resolved only by local configuration (RFC 6761)"),
            Map.entry("invalid", "reserved as never valid and resolved only by local configuration (RFC 6761)"),
            Map.entry("onion", "a Tor address, not in DNS (RFC 7686)"),
            Map.entry("alt", "reserved for names outside DNS (RFC 9476)"));

    private HostNames() {
    }

    /** The host as resolvers compare it: lowercase, without the brackets of an IPv6 literal and without a trailing dot. */
    public static String canonical(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * The address a host stands for without DNS: an IPv4 literal in any notation resolvers accept, an IPv6 literal
     * (with or without a zone id) or a loopback name; empty for a name only DNS can resolve.
     */
    public static Optional<InetAddress> addressOf(String host) {
        String name = canonical(host);
        InetAddress loopback = LOOPBACK_NAMES.get(name);
        if (loopback != null || name.endsWith(".localhost")) {
            return Optional.of(loopback == null ? LOOPBACK_V4 : loopback);
        }
        if (name.indexOf(':') >= 0) {
            // a zone id (fe80::1%eth0, %25eth0 in a URL) only says which interface; the address is what counts
            int zone = name.indexOf('%');
            return CidrRange.literal(zone < 0 ? name : name.substring(0, zone));
        }
        return CidrRange.literal(name).or(() -> Ipv4Notations.parse(name));
    }

    /**
     * True for a host written like an address that is none resolvers accept, such as {@code 08.0.0.1} or {@code [::g]}:
     * no domain name has a numeric last label (RFC 3696) or a colon.
     */
    public static boolean looksLikeAnAddress(String host) {
        String name = canonical(host);
        return name.indexOf(':') >= 0 || name.indexOf('%') >= 0 || Ipv4Notations.looksNumeric(name);
    }

    /**
     * Why a name that is not an address can only lead inside the deployment, or empty when only DNS can tell: a single
     * label (the resolver completes it from its search list, as with {@code metadata} or a Kubernetes service) or a
     * name under a domain that public DNS does not answer for.
     */
    public static Optional<String> whyInternal(String host) {
        String name = canonical(host);
        int lastDot = name.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.of(name + " is a single-label name, completed from the resolver's local search list");
        }
        String topLevel = name.substring(lastDot + 1);
        return Optional.ofNullable(INTERNAL_DOMAINS.get(topLevel)).map(why -> name + " is under ." + topLevel + ", " + why);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
