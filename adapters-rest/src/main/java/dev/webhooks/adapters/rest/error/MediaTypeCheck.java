package dev.webhooks.adapters.rest.error;

import dev.webhooks.domain.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Optional;

/**
 * Refuses a request whose {@code Content-Type} does not parse or names a charset the JVM cannot decode, with 415 in
 * the envelope. Left to Jersey, the first would be a bare 400 and the second an {@code UnsupportedCharsetException}
 * (a 500) from the reader of a String body, which runs even when the body is empty.
 */
@PreMatching
@Priority(3)
public final class MediaTypeCheck implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (header == null) {
            return;
        }
        problemWith(header).ifPresent(detail -> request.abortWith(
                ErrorResponses.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, ErrorCode.UNSUPPORTED_MEDIA_TYPE, detail)));
    }

    private static Optional<String> problemWith(String header) {
        MediaType type;
        try {
            type = MediaType.valueOf(header);
        } catch (IllegalArgumentException notAMediaType) {
            return Optional.of("the Content-Type '" + abbreviate(header) + "' is not a media type");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !isSupported(charset)) {
            return Optional.of("the charset '" + abbreviate(charset) + "' of the Content-Type is not supported; use UTF-8");
        }
        return Optional.empty();
    }

    private static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException illegal) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
