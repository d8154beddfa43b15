package dev.webhooks.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which hosts are refused at create without DNS, in the spellings resolvers accept. */
class TargetPolicyTest {
    private static final TargetPolicy STRICT = new TargetPolicy(true, List.of());
    private static final TargetPolicy LOOPBACK_ALLOWED = new TargetPolicy(true, List.of(CidrRange.parse("127.0.0.0/8")));
    private static final TargetPolicy PRIVATE_ALLOWED = new TargetPolicy(true, List.of(CidrRange.parse("10.0.0.0/8")));

    @ParameterizedTest
    @ValueSource(strings = {
            // loopback names: any case, trailing dot, the names hosts files give loopback
            "localhost", "localhost.", "LOCALHOST.", "LocalHost", "a.localhost", "a.localhost.", "A.B.LOCALHOST",
            "localhost.localdomain", "localhost.localdomain.", "localhost4", "localhost4.localdomain4", "localhost6",
            "localhost6.localdomain6", "ip6-localhost", "ip6-loopback", "IP6-LOCALHOST.",
            // IPv4 in every notation, with a trailing dot too
            "127.0.0.1", "0.0.0.0", "0", "2130706433", "0x7f000001", "0x7f000001.", "0177.0.0.1", "127.1", "10.1",
            "169.254.169.254", "0xa9fea9fe", "08.0.0.1", "0x1g.0.0.1", "1.2.3.4.5", "4294967296",
            // IPv6 in every form, with and without zone ids
            "[::1]", "[0:0:0:0:0:0:0:1]", "[::]", "[0::0]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::FFFF:7F00:1]",
            "[::127.0.0.1]", "[0:0:0:0:0:ffff:a9fe:a9fe]", "[64:ff9b::7f00:1]", "[2002:7f00:1::1]", "[fe80::1%25eth0]",
            "[fe80::1%eth0]", "[fe80::1%251]", "[fd00::1]", "[2606:4700:4700::1111]",
            // names only local configuration resolves
            "metadata", "redis", "1e100", "printer.local", "db.default.svc.cluster.local", "metadata.google.internal",
            "ip-10-0-0-1.ec2.internal.", "router.home.arpa", "1.0.0.127.in-addr.arpa", "ipv4only.arpa", "nas.lan",
            "box.localdomain", "a.home", "a.corp", "a.mail", "a.test", "a.example", "a.invalid", "x.onion", "x.alt",
            "PRINTER.LOCAL."})
    void refusesHostsKnownInternalWithoutDns(String host) {
        assertThat(STRICT.whyRefused(host)).as(host).isPresent();
        // java.net.URI reads a few of them (127.1, 1.2.3.4.5) as no host at all, which is refused as well
        assertThatThrownBy(() -> STRICT.check(url(host))).as(host)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageStartingWith("'url' must ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"receiver.example.com", "receiver.example.com.", "RECEIVER.EXAMPLE.COM", "1password.example.com",
            "app.0xdeadbeef.io", "localhost.example.com", "local.example.com", "internal.example.net", "a.lan.example.org",
            "xn--80ak6aa92e.com", "hooks.test.example.com", "example.com"})
    void acceptsNamesOnlyDnsCanJudge(String host) {
        assertThatCode(() -> STRICT.check(url(host))).as(host).doesNotThrowAnyException();
        assertThat(STRICT.whyRefused(host)).as(host).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "localhost., allowed", "LOCALHOST., allowed", "a.localhost., allowed", "localhost.localdomain, allowed",
            "127.0.0.2, allowed", "2130706433, allowed", "[::ffff:7f00:1], allowed", "[::127.0.0.1], allowed",
            "[64:ff9b::7f00:1], allowed", "metadata, allowed", "foo.internal, allowed",
            "ip6-localhost, refused", "[::1], refused", "10.0.0.1, refused", "0.0.0.0, refused", "0x1g.0.0.1, refused"})
    void allowedRangesExemptWhatTheyContain(String host, String verdict) {
        assertThat(LOOPBACK_ALLOWED.whyRefused(host).isEmpty()).as(host).isEqualTo(verdict.equals("allowed"));
    }

    @ParameterizedTest
    @CsvSource({"localhost, refused", "localhost., refused", "10.1.2.3, allowed", "[::ffff:a01:203], allowed",
            "db.corp.internal, allowed", "redis, allowed", "printer.local, allowed", "127.0.0.1, refused"})
    void internalNamesAreForDeploymentsThatAllowARange(String host, String verdict) {
        assertThat(PRIVATE_ALLOWED.whyRefused(host).isEmpty()).as(host).isEqualTo(verdict.equals("allowed"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "localhost.|localhost stands for the address 127.0.0.1",
            "ip6-loopback|ip6-loopback stands for the address 0:0:0:0:0:0:0:1",
            "[fe80::1%25eth0]|fe80::1%25eth0 stands for the address fe80:0:0:0:0:0:0:1",
            "0x1g.0.0.1|0x1g.0.0.1 is written like an IP address",
            "0x7F000001.|0x7f000001 stands for the address 127.0.0.1",
            "metadata|metadata is a single-label name, completed from the resolver's local search list",
            "x.y.internal.|x.y.internal is under .internal, reserved for private networks (ICANN, 2024)"})
    void saysWhy(String host, String why) {
        assertThat(STRICT.whyRefused(host)).contains(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1./h", "https://local%68ost/h", "https://%6c%6f%63%61%6c%68%6f%73%74/h",
            "https://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/h", "https://l\u043ecalhost/h", "https://_gateway/h",
            "https://localhost../h", "https://[::1]./h"})
    void urlsWhoseHostJavaCannotReadAreRefusedBeforeThePolicy(String url) {
        // percent-encoded, IDN, underscore and doubly dotted hosts: java.net.URI finds no host in them at all
        assertThatThrownBy(() -> new WebhookUrl(url)).as(url).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'url'");
    }

    private static WebhookUrl url(String host) {
        return new WebhookUrl("https://" + host + ":8443/hook");
    }
}
