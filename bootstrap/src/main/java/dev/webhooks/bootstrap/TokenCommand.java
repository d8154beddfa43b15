package dev.webhooks.bootstrap;

import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code token --tenant acme --user alice [--role TenantAdmin] [--ttl 1h] config.yml}: prints a bearer token
 * signed with the configured HS256 secret, and nothing else, for development and scripts.
 */
final class TokenCommand extends ConfiguredCommand<WebhooksConfiguration> {
    private static final Pattern TTL = Pattern.compile("(\\d+)([smhd])");

    TokenCommand() {
        super("token", "Prints a signed development bearer token");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--tenant").required(true).help("tenant id (the tenantId claim)");
        subparser.addArgument("--user").required(true).help("user id (the sub claim)");
        subparser.addArgument("--role").action(Arguments.append())
                .help("role name, e.g. TenantAdmin or EventPublisher; repeatable");
        subparser.addArgument("--ttl").setDefault("1h").help("lifetime such as 90s, 30m, 1h, 7d (default 1h)");
    }

    @Override
    protected void run(Bootstrap<WebhooksConfiguration> bootstrap, Namespace namespace, WebhooksConfiguration configuration) {
        String secret = configuration.getAuth().getHmacSecret();
        if (secret == null) {
            throw new IllegalArgumentException("auth.hmacSecret is not set: tokens can only be minted with an HS256 secret");
        }
        List<String> roles = namespace.getList("role") == null ? List.of() : namespace.getList("role");
        String token = new DevTokenIssuer(configuration.getAuth().toJwtSettings()).issue(
                namespace.getString("tenant"), namespace.getString("user"), roles, parseTtl(namespace.getString("ttl")));
        System.out.println(token);
    }

    static Duration parseTtl(String text) {
        Matcher matcher = TTL.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--ttl must look like 90s, 30m, 1h or 7d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
