package dev.webhooks.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookUrlTest {

    @Test
    void acceptsAbsoluteHttpsUrls() {
        assertThat(new WebhookUrl("https://receiver.example.com:8443/a?b=c").host()).isEqualTo("receiver.example.com");
    }

    @Test
    void rejectsWhatIsNotAUsableTarget() {
        assertThatThrownBy(() -> new WebhookUrl("")).hasMessageContaining("'url' is required");
        assertThatThrownBy(() -> new WebhookUrl("/relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new WebhookUrl("mailto:a@b.c")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new WebhookUrl("ftp://example.com")).hasMessageContaining("https");
        assertThatThrownBy(() -> new WebhookUrl("https://user:pw@example.com")).hasMessageContaining("credentials");
        assertThatThrownBy(() -> new WebhookUrl("https://exa mple.com")).hasMessageContaining("not a valid URL");
        assertThatThrownBy(() -> new WebhookUrl("https://example.com/" + "a".repeat(2048))).hasMessageContaining("2048");
    }

    @Test
    void policyRequiresHttpsUnlessHttpIsAllowed() {
        WebhookUrl plain = new WebhookUrl("http://receiver.example.com/hook");
        assertThatThrownBy(() -> TargetPolicy.STRICT.check(plain)).hasMessageContaining("https");
        assertThatCode(() -> new TargetPolicy(true, List.of()).check(plain)).doesNotThrowAnyException();
    }

    @Test
    void policyRefusesIpLiteralsAndLocalNamesOutsideAllowedRanges() {
        for (String url : List.of("https://10.0.0.1/h", "https://127.0.0.1/h", "https://[::1]/h", "https://localhost/h",
                "https://169.254.169.254/latest", "https://api.localhost/h")) {
            assertThatThrownBy(() -> TargetPolicy.STRICT.check(new WebhookUrl(url))).as(url).hasMessageContaining("IP address");
        }
        TargetPolicy loopbackAllowed = new TargetPolicy(false, List.of(CidrRange.parse("127.0.0.0/8")));
        assertThatCode(() -> loopbackAllowed.check(new WebhookUrl("https://127.0.0.1:9000/h"))).doesNotThrowAnyException();
        assertThatCode(() -> loopbackAllowed.check(new WebhookUrl("https://localhost:9000/h"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> loopbackAllowed.check(new WebhookUrl("https://10.1.2.3/h"))).hasMessageContaining("IP address");
    }

    @Test
    void policyRefusesAddressesInOtherNotationsToo() {
        for (String url : List.of("http://2130706433/h", "http://0x7f000001/h", "http://0x7F.0.0.1/h", "http://0177.0.0.1/h",
                "http://017700000001/h", "http://127.1/h", "http://10.1/h", "http://0xa9fea9fe/latest", "http://4294967296/h",
                "http://1.2.3.4.5/h", "http://0x/h")) {
            // java.net.URI reads some of these as no host at all ("must name a host"), the others reach the policy
            assertThatThrownBy(() -> new TargetPolicy(true, List.of()).check(new WebhookUrl(url))).as(url)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("'url'");
        }
        assertThatThrownBy(() -> new TargetPolicy(true, List.of()).check(new WebhookUrl("http://0x7f000001/h"))).hasMessageContaining("IP address");
        TargetPolicy loopbackAllowed = new TargetPolicy(true, List.of(CidrRange.parse("127.0.0.0/8")));
        assertThatCode(() -> loopbackAllowed.check(new WebhookUrl("http://2130706433:9000/h"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> loopbackAllowed.check(new WebhookUrl("http://0x0a000001/h"))).hasMessageContaining("IP address");
        assertThatCode(() -> loopbackAllowed.check(new WebhookUrl("http://1password.example.com/h"))).doesNotThrowAnyException();
        assertThatCode(() -> loopbackAllowed.check(new WebhookUrl("http://app.0xdeadbeef.io/h"))).doesNotThrowAnyException();
    }

    @Test
    void cidrRangesMatchTheirAddressesOnly() {
        CidrRange range = CidrRange.parse("192.168.4.0/22");
        assertThat(range.contains(CidrRange.literal("192.168.7.255").orElseThrow())).isTrue();
        assertThat(range.contains(CidrRange.literal("192.168.8.0").orElseThrow())).isFalse();
        assertThat(range.contains(CidrRange.literal("::1").orElseThrow())).isFalse();
        assertThat(CidrRange.parse("fd00::/8").contains(CidrRange.literal("fd12::1").orElseThrow())).isTrue();
        assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> CidrRange.parse("example.com/8")).hasMessageContaining("CIDR");
    }
}
