package dev.webhooks.adapters.delivery;

import dev.webhooks.domain.webhook.CidrRange;
import dev.webhooks.domain.webhook.EmbeddedIpv4;
import dev.webhooks.domain.webhook.HostNames;
import dev.webhooks.domain.webhook.TargetPolicy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * SSRF protection: a {@link DnsResolver} that refuses a host when any of its addresses is loopback, private,
 * link-local, shared (CGNAT), unique-local, multicast, unspecified or reserved, unless the {@link TargetPolicy}
 * allows it; since HttpClient connects to exactly the addresses returned here, DNS rebinding cannot get around it.
 * Names the policy refuses without DNS are refused before any lookup, and no lookup takes longer than its timeout.
 */
public final class TargetGuard implements DnsResolver {
    /** Lookups running at once; more wait, and a lookup that cannot even wait fails at once. */
    private static final int LOOKUP_THREADS = 16;
    private static final int WAITING_LOOKUPS = 1_000;
    private static final List<Range> FORBIDDEN_V4 = List.of(
            new Range("0.0.0.0/8", "unspecified"),
            new Range("10.0.0.0/8", "private"),
            new Range("100.64.0.0/10", "shared CGNAT"),
            new Range("127.0.0.0/8", "loopback"),
            new Range("169.254.0.0/16", "link-local"),
            new Range("172.16.0.0/12", "private"),
            new Range("192.0.0.0/24", "reserved"),
            new Range("192.168.0.0/16", "private"),
            new Range("198.18.0.0/15", "reserved"),
            new Range("224.0.0.0/4", "multicast"),
            new Range("255.255.255.255/32", "broadcast"),
            new Range("240.0.0.0/4", "reserved"));
    private static final List<Range> FORBIDDEN_V6 = List.of(
            new Range("::/128", "unspecified"),
            new Range("::1/128", "loopback"),
            new Range("fe80::/10", "link-local"),
            new Range("fec0::/10", "site-local"),
            new Range("fc00::/7", "unique-local"),
            new Range("ff00::/8", "multicast"));

    private final TargetPolicy policy;
    private final Lookup lookup;
    private final Duration lookupTimeout;
    private final ThreadPoolExecutor lookups;

    /** Looks up names with the system resolver, each for at most 5 s. */
    public TargetGuard(TargetPolicy policy) {
        this(policy, HttpDeliverySettings.defaults().connectTimeout());
    }

    /** Looks up names with the system resolver, each for at most {@code lookupTimeout} (the connect timeout). */
    public TargetGuard(TargetPolicy policy, Duration lookupTimeout) {
        this(policy, InetAddress::getAllByName, lookupTimeout);
    }

    /** Looks up names with {@code lookup}, each for at most {@code lookupTimeout}. */
    public TargetGuard(TargetPolicy policy, Lookup lookup, Duration lookupTimeout) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.lookupTimeout = Objects.requireNonNull(lookupTimeout, "lookupTimeout");
        this.lookups = lookupThreads();
    }

    /**
     * Refuses a URL whose scheme is not allowed, or whose host is refused without DNS: an address (IP literal in any
     * notation, loopback name) of a forbidden kind, or a name the policy refuses; other names are checked on resolution.
     */
    public void checkUrl(URI url) throws TargetRefusedException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && policy.allowHttp())) {
            throw new TargetRefusedException("target URL must use https" + (policy.allowHttp() ? " or http" : ""));
        }
        if (url.getHost() == null) {
            throw new TargetRefusedException("target URL has no host");
        }
        checkName(unbracket(url.getHost()));
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = unbracket(host);
        checkName(name);
        Optional<InetAddress> literal = CidrRange.literal(name);
        InetAddress[] addresses = literal.isPresent() ? new InetAddress[] {literal.get()} : lookUp(name);
        for (InetAddress address : addresses) {
            check(name, address);
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        InetAddress[] addresses = resolve(host);
        return addresses.length == 0 ? host : addresses[0].getCanonicalHostName();
    }

    /** Why the address may not be called ("loopback", "private", ...), or empty when it may. */
    public Optional<String> whyForbidden(InetAddress address) {
        if (policy.isAllowed(address)) {
            return Optional.empty();
        }
        Optional<InetAddress> embedded = EmbeddedIpv4.in(address);
        if (embedded.isPresent()) {
            return category(embedded.get()).map(kind -> kind + ", embedded in IPv6");
        }
        return category(address);
    }

    /** The policy's rule for names, shared with the create-time check; addresses are judged by their kind here. */
    private void checkName(String host) throws TargetRefusedException {
        Optional<InetAddress> address = HostNames.addressOf(host);
        if (address.isPresent()) {
            check(host, address.get());
            return;
        }
        Optional<String> why = policy.whyRefused(host);
        if (why.isPresent()) {
            throw new TargetRefusedException("target host is not allowed: " + why.get());
        }
    }

    /**
     * The system resolver can block far longer than any timeout of ours (its own retries, a silent DNS server), so the
     * lookup runs on a thread of its own and is given up after the connect timeout; the thread finishes it anyway.
     */
    private InetAddress[] lookUp(String name) throws UnknownHostException {
        Future<InetAddress[]> pending;
        try {
            pending = lookups.submit(() -> lookup.addressesOf(name));
        } catch (RejectedExecutionException busy) {
            throw new LookupTimeoutException("DNS lookup of " + name + " not started: " + WAITING_LOOKUPS + " lookups are waiting");
        }
        try {
            return pending.get(lookupTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            pending.cancel(true);
            throw new LookupTimeoutException("DNS lookup of " + name + " took longer than " + FailureReasons.seconds(lookupTimeout));
        } catch (InterruptedException interrupted) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnknownHostException("DNS lookup of " + name + " interrupted");
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof UnknownHostException unknown ? unknown
                    : new UnknownHostException(name + ": " + failed.getCause());
        }
    }

    private void check(String host, InetAddress address) throws TargetRefusedException {
        Optional<String> why = whyForbidden(address);
        if (why.isPresent()) {
            throw new TargetRefusedException("target address " + address.getHostAddress() + " of " + host
                    + " is not allowed (" + why.get() + ")");
        }
    }

    private static Optional<String> category(InetAddress address) {
        List<Range> ranges = address instanceof Inet4Address ? FORBIDDEN_V4 : FORBIDDEN_V6;
        return ranges.stream().filter(range -> range.cidr().contains(address)).map(Range::kind).findFirst();
    }

    /** A few daemon threads, gone when idle, so a guard needs no closing. */
    private static ThreadPoolExecutor lookupThreads() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(WAITING_LOOKUPS), runnable -> {
                    Thread thread = new Thread(runnable, "dns-lookup");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Looks up the addresses of a name: the system resolver, or a stand-in in tests. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] addressesOf(String name) throws UnknownHostException;
    }

    private record Range(CidrRange cidr, String kind) {
        Range(String cidr, String kind) {
            this(CidrRange.parse(cidr), kind);
        }
    }
}
