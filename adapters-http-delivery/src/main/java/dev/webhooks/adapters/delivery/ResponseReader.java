package dev.webhooks.adapters.delivery;

import dev.webhooks.domain.delivery.DeliveryAttempt;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;

/** Turns a received answer into a {@link DeliveryAttempt}, reading at most {@value DeliveryAttempt#MAX_BODY_CHARS} characters of its body. */
final class ResponseReader {
    private final RetryAfter retryAfter;

    ResponseReader(RetryAfter retryAfter) {
        this.retryAfter = retryAfter;
    }

    DeliveryAttempt read(ClassicHttpResponse response, Cancellable exchange, Duration budget) {
        Map<String, String> headers = firstValues(response.getHeaders());
        String body = cappedBody(response.getEntity(), exchange, System.nanoTime() + budget.toNanos());
        Header retry = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        return DeliveryAttempt.answered(response.getCode(), headers, body,
                retryAfter.parse(retry == null ? null : retry.getValue()));
    }

    private static Map<String, String> firstValues(Header[] headers) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Header header : headers) {
            if (seen.add(header.getName().toLowerCase(Locale.ROOT))) {
                values.put(header.getName(), header.getValue() == null ? "" : header.getValue());
            }
        }
        return values;
    }

    /**
     * Reads the body up to the cap or the deadline; when it stops early the exchange is cancelled, which drops the
     * connection rather than draining the rest of a possibly endless body.
     */
    private static String cappedBody(HttpEntity entity, Cancellable exchange, long deadlineNanos) {
        if (entity == null) {
            return "";
        }
        StringBuilder body = new StringBuilder();
        boolean complete = false;
        try {
            Reader reader = new InputStreamReader(entity.getContent(), StandardCharsets.UTF_8);
            complete = readInto(reader, body, deadlineNanos);
        } catch (IOException partial) {
            // keep what arrived: the answer itself was received
        }
        if (!complete) {
            exchange.cancel();
        }
        return body.toString();
    }

    private static boolean readInto(Reader reader, StringBuilder body, long deadlineNanos) throws IOException {
        char[] buffer = new char[1024];
        while (body.length() < DeliveryAttempt.MAX_BODY_CHARS && System.nanoTime() < deadlineNanos) {
            int read = reader.read(buffer, 0, Math.min(buffer.length, DeliveryAttempt.MAX_BODY_CHARS - body.length()));
            if (read < 0) {
                return true;
            }
            body.append(buffer, 0, read);
        }
        return false;
    }
}
