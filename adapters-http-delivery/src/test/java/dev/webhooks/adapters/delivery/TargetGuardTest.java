package dev.webhooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.webhook.CidrRange;
import dev.webhooks.domain.webhook.TargetPolicy;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {
    private final TargetGuard strict = new TargetGuard(TargetPolicy.STRICT);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3",
            "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "::1", "::", "fe80::1", "fc00::1",
            "fd12:3456::1", "ff02::1", "fec0::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
            "::127.0.0.1", "::10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:c0a8:101::1"})
    void refusesNonPublicAddresses(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal);
        assertThat(strict.whyForbidden(address)).as(literal).isPresent();
        assertThatThrownBy(() -> strict.resolve(literal))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("target address")
                .hasMessageContaining("is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1",
            "192.169.0.1", "11.0.0.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8",
            "64:ff9b::808:808", "2002:808:808::1"})
    void allowsPublicAddresses(String literal) throws Exception {
        assertThat(strict.whyForbidden(InetAddress.getByName(literal))).as(literal).isEmpty();
        assertThat(strict.resolve(literal)).hasSize(1);
    }

    @Test
    void refusesIpv4MappedAddressesKeptAsIpv6() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(strict.whyForbidden(address)).contains("link-local, embedded in IPv6");
    }

    @Test
    void namesTheCategoryAndTheHost() {
        assertThatThrownBy(() -> strict.resolve("169.254.169.254"))
                .hasMessage("target address 169.254.169.254 of 169.254.169.254 is not allowed (link-local)");
        assertThatThrownBy(() -> strict.resolve("[::1]")).hasMessageContaining("(loopback)");
        assertThatThrownBy(() -> strict.resolve("localhost")).hasMessageContaining("of localhost is not allowed (loopback)");
    }

    @Test
    void allowedRangesOverrideTheBuiltInRules() throws Exception {
        TargetGuard guard = new TargetGuard(new TargetPolicy(true,
                List.of(CidrRange.parse("127.0.0.0/8"), CidrRange.parse("10.1.0.0/16"), CidrRange.parse("fd00::/8"))));
        assertThat(guard.whyForbidden(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(guard.whyForbidden(InetAddress.getByName("::ffff:127.0.0.1"))).isEmpty();
        assertThat(guard.whyForbidden(InetAddress.getByName("10.1.2.3"))).isEmpty();
        assertThat(guard.whyForbidden(InetAddress.getByName("fd00::5"))).isEmpty();
        assertThat(guard.whyForbidden(InetAddress.getByName("10.2.0.1"))).contains("private");
        assertThat(guard.whyForbidden(InetAddress.getByName("::1"))).contains("loopback");
    }

    @Test
    void requiresHttpsUnlessHttpIsAllowed() {
        assertThatThrownBy(() -> strict.checkUrl(URI.create("http://example.com/hook")))
                .isInstanceOf(TargetRefusedException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> strict.checkUrl(URI.create("ftp://example.com/hook"))).isInstanceOf(TargetRefusedException.class);
        assertThatCode(() -> strict.checkUrl(URI.create("https://example.com/hook"))).doesNotThrowAnyException();
        TargetGuard lax = new TargetGuard(new TargetPolicy(true, List.of()));
        assertThatCode(() -> lax.checkUrl(URI.create("http://example.com/hook"))).doesNotThrowAnyException();
    }

    @Test
    void checksIpLiteralsInUrlsWithoutDns() {
        assertThatThrownBy(() -> strict.checkUrl(URI.create("https://10.0.0.1/hook"))).hasMessageContaining("10.0.0.1");
        assertThatThrownBy(() -> strict.checkUrl(URI.create("https://[::1]:8443/hook"))).hasMessageContaining("::1");
        assertThatThrownBy(() -> strict.checkUrl(URI.create("https://[::ffff:a9fe:a9fe]/hook")))
                .hasMessageContaining("169.254.169.254");
    }

    @Test
    void givesUpASlowLookupAfterItsTimeout() {
        TargetGuard guard = new TargetGuard(TargetPolicy.STRICT, name -> {
            sleep(3_000);
            return new InetAddress[] {InetAddress.getByAddress(name, new byte[] {93, (byte) 184, (byte) 216, 34})};
        }, Duration.ofMillis(200));
        long started = System.nanoTime();

        assertThatThrownBy(() -> guard.resolve("slow.example.com"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessage("DNS lookup of slow.example.com took longer than 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aSlowLookupFailsTheAttemptWithASayingMessage() {
        TargetGuard guard = new TargetGuard(new TargetPolicy(true, List.of()), name -> {
            sleep(3_000);
            throw new UnknownHostException(name);
        }, Duration.ofSeconds(1));
        try (HttpDeliverySender sender = new HttpDeliverySender(guard, HttpDeliverySettings.defaults())) {
            long started = System.nanoTime();
            DeliveryAttempt attempt = sender.send(new DeliveryRequest("d-1", "http://slow.example.com/hook", new byte[0],
                    Map.of(), false, Duration.ofSeconds(10)));

            assertThat(attempt.detail()).isEqualTo("DNS lookup of slow.example.com took longer than 1 s");
            assertThat(attempt.failure()).contains(dev.webhooks.domain.delivery.AttemptFailure.UNRESOLVED_HOST);
            assertThat(attempt.statusCode()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
        }
    }

    @Test
    void passesOnWhatTheLookupSays() {
        TargetGuard guard = new TargetGuard(TargetPolicy.STRICT, name -> {
            throw new UnknownHostException(name + ": no such host");
        }, Duration.ofSeconds(1));

        assertThatThrownBy(() -> guard.resolve("nowhere.example.com")).hasMessage("nowhere.example.com: no such host");
    }

    /** Names the create-time policy refuses without DNS; the guard refuses them too, before any lookup. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost.", "LOCALHOST.", "a.localhost.", "localhost.localdomain", "ip6-localhost",
            "ip6-loopback", "metadata", "redis", "printer.local", "metadata.google.internal", "router.home.arpa", "nas.lan",
            "a.test", "a.invalid", "0", "0.0.0.0", "2130706433", "0x7f000001.", "4294967296", "[::1]",
            "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "[fe80::1%25eth0]", "[fe80::1%eth0]"})
    void refusesWithoutDnsWhatTheCreateCheckRefuses(String host) {
        List<String> lookedUp = new CopyOnWriteArrayList<>();
        TargetPolicy policy = new TargetPolicy(true, List.of());
        TargetGuard guard = new TargetGuard(policy, name -> {
            lookedUp.add(name);
            throw new UnknownHostException(name);
        }, Duration.ofSeconds(1));
        String url = "http://" + host + ":8443/hook";

        assertThatThrownBy(() -> policy.check(new WebhookUrl(url))).as("create").hasMessageContaining("'url'");
        assertThatThrownBy(() -> guard.checkUrl(URI.create(url))).as("connect").isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> guard.resolve(URI.create(url).getHost())).isInstanceOf(TargetRefusedException.class);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void namesTheReasonForANameRefusedWithoutDns() {
        assertThatThrownBy(() -> strict.checkUrl(URI.create("https://localhost./hook")))
                .hasMessage("target address 127.0.0.1 of localhost. is not allowed (loopback)");
        assertThatThrownBy(() -> strict.checkUrl(URI.create("https://metadata.google.internal/computeMetadata/v1/")))
                .hasMessage("target host is not allowed: metadata.google.internal is under .internal, reserved for private "
                        + "networks (ICANN, 2024)");
    }

    @Test
    void internalNamesAreLeftToTheAddressCheckWhereRangesAreAllowed() throws Exception {
        TargetGuard guard = new TargetGuard(new TargetPolicy(true, List.of(CidrRange.parse("10.0.0.0/8"))),
                name -> new InetAddress[] {InetAddress.getByAddress(name, new byte[] {10, 1, 2, 3})}, Duration.ofSeconds(1));

        assertThatCode(() -> guard.checkUrl(URI.create("https://db.corp.internal/hook"))).doesNotThrowAnyException();
        assertThat(guard.resolve("db.corp.internal")).hasSize(1);
        assertThatThrownBy(() -> guard.checkUrl(URI.create("https://localhost./hook"))).hasMessageContaining("(loopback)");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
