package dev.webhooks.adapters.rest.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The OpenID Connect provider the console signs in with (authorization code flow with PKCE, run in the browser):
 * its issuer, the console's client id and scopes, the name on the button, which of the returned tokens becomes the
 * bearer token ({@code id_token} or {@code access_token}), and other origins of the provider the page must reach.
 */
public record OidcClient(String issuer, String clientId, String scopes, String providerName, String token,
                         List<String> additionalOrigins) {
    public static final List<String> TOKENS = List.of("id_token", "access_token");

    public OidcClient {
        origin(Objects.requireNonNull(issuer, "issuer"));
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("an OpenID Connect client id is required with an issuer");
        }
        if (!TOKENS.contains(token)) {
            throw new IllegalArgumentException("the console's token must be one of " + TOKENS + ", not " + token);
        }
        scopes = scopes == null || scopes.isBlank() ? "openid" : scopes;
        providerName = providerName == null || providerName.isBlank() ? URI.create(issuer).getHost() : providerName;
        additionalOrigins = List.copyOf(additionalOrigins);
        additionalOrigins.forEach(OidcClient::origin);
    }

    /** The origins the page fetches from: the issuer's (discovery, usually the token endpoint) and the additional ones. */
    public List<String> connectOrigins() {
        List<String> origins = new ArrayList<>();
        origins.add(origin(issuer));
        additionalOrigins.stream().map(OidcClient::origin).filter(origin -> !origins.contains(origin)).forEach(origins::add);
        return origins;
    }

    /**
     * The {@code scheme://host[:port]} of an absolute http(s) URL, rebuilt from its parts so that nothing else of
     * the configured text can reach the Content-Security-Policy header.
     */
    public static String origin(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("not an absolute http(s) URL without credentials, query or fragment: " + url);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
