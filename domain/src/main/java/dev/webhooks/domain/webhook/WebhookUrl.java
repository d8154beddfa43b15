package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** An absolute http(s) URL with a host and no credentials, at most {@value #MAX_LENGTH} characters. */
public record WebhookUrl(String value) {
    public static final int MAX_LENGTH = 2048;

    public WebhookUrl {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.field("url", "is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw InvalidInputException.field("url", "is longer than " + MAX_LENGTH + " characters");
        }
        URI uri = parse(value);
        if (!"https".equals(scheme(uri)) && !"http".equals(scheme(uri))) {
            throw InvalidInputException.field("url", "must be an absolute https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw InvalidInputException.field("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw InvalidInputException.field("url", "must not contain credentials");
        }
        if (uri.getRawFragment() != null) {
            throw InvalidInputException.field("url", "must not contain a fragment");
        }
    }

    public URI uri() {
        return parse(value);
    }

    public boolean isHttps() {
        return "https".equals(scheme(uri()));
    }

    /** The host in lowercase, without the brackets of an IPv6 literal. */
    public String host() {
        String host = uri().getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static URI parse(String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.isOpaque()) {
                throw InvalidInputException.field("url", "must be an absolute https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw InvalidInputException.field("url", "is not a valid URL: " + e.getReason());
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
