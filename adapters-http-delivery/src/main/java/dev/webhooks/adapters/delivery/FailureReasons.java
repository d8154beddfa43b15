package dev.webhooks.adapters.delivery;

import static dev.webhooks.domain.delivery.AttemptFailure.CONNECTION_REFUSED;
import static dev.webhooks.domain.delivery.AttemptFailure.CONNECTION_RESET;
import static dev.webhooks.domain.delivery.AttemptFailure.CONNECT_TIMEOUT;
import static dev.webhooks.domain.delivery.AttemptFailure.NETWORK_ERROR;
import static dev.webhooks.domain.delivery.AttemptFailure.TIMEOUT;
import static dev.webhooks.domain.delivery.AttemptFailure.TLS_FAILURE;
import static dev.webhooks.domain.delivery.AttemptFailure.UNRESOLVED_HOST;

import dev.webhooks.domain.delivery.DeliveryAttempt;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;

/**
 * What kind of failure an exchange met, with a short human reason; reasons never quote headers or bodies, only the
 * exception kind and TLS detail.
 */
final class FailureReasons {
    private static final int MAX_DETAIL = 200;

    private FailureReasons() {
    }

    static DeliveryAttempt of(Throwable failure, String host, Duration responseTimeout, Duration connectTimeout) {
        if (failure instanceof ConnectTimeoutException) {
            return DeliveryAttempt.failed(CONNECT_TIMEOUT, "connect timed out after " + seconds(connectTimeout) + " to " + host);
        }
        if (failure instanceof ConnectException) {
            return DeliveryAttempt.failed(CONNECTION_REFUSED, "connection refused by " + host);
        }
        if (failure instanceof NoRouteToHostException) {
            return DeliveryAttempt.failed(NETWORK_ERROR, "no route to " + host);
        }
        if (failure instanceof SocketTimeoutException) {
            return DeliveryAttempt.failed(TIMEOUT, "timed out after " + seconds(responseTimeout) + " waiting for " + host);
        }
        if (failure instanceof SSLException) {
            return DeliveryAttempt.failed(TLS_FAILURE, "TLS handshake failed: " + detail(failure));
        }
        if (failure instanceof LookupTimeoutException) {
            return DeliveryAttempt.failed(UNRESOLVED_HOST, failure.getMessage());
        }
        if (failure instanceof UnknownHostException) {
            return DeliveryAttempt.failed(UNRESOLVED_HOST, "host " + host + " could not be resolved");
        }
        return network(failure, host);
    }

    private static DeliveryAttempt network(Throwable failure, String host) {
        if (failure instanceof NoHttpResponseException) {
            return DeliveryAttempt.failed(CONNECTION_RESET, "connection closed by " + host + " without an answer");
        }
        if (failure instanceof ProtocolException || failure.getCause() instanceof ProtocolException) {
            return DeliveryAttempt.failed(NETWORK_ERROR, "invalid HTTP answer from " + host);
        }
        if (failure instanceof SocketException && String.valueOf(failure.getMessage()).toLowerCase().contains("reset")) {
            return DeliveryAttempt.failed(CONNECTION_RESET, "connection reset by " + host);
        }
        if (failure instanceof InterruptedIOException) {
            return DeliveryAttempt.failed(NETWORK_ERROR, "interrupted while delivering to " + host);
        }
        if (failure instanceof IOException) {
            return DeliveryAttempt.failed(NETWORK_ERROR, "network error talking to " + host + " ("
                    + failure.getClass().getSimpleName() + ")");
        }
        return DeliveryAttempt.failed(NETWORK_ERROR, "delivery failed (" + failure.getClass().getSimpleName() + ")");
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The innermost message of a TLS failure (certificate path, hostname mismatch...), shortened. */
    private static String detail(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() <= MAX_DETAIL ? message : message.substring(0, MAX_DETAIL) + "…";
    }
}
