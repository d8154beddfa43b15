package dev.webhooks.adapters.delivery;

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

/** Short human reasons for failed exchanges; they never quote headers or bodies, only the exception kind and TLS detail. */
final class FailureReasons {
    private static final int MAX_DETAIL = 200;

    private FailureReasons() {
    }

    static String of(Throwable failure, String host, Duration responseTimeout, Duration connectTimeout) {
        if (failure instanceof ConnectTimeoutException) {
            return "connect timed out after " + seconds(connectTimeout) + " to " + host;
        }
        if (failure instanceof ConnectException) {
            return "connection refused by " + host;
        }
        if (failure instanceof NoRouteToHostException) {
            return "no route to " + host;
        }
        if (failure instanceof SocketTimeoutException) {
            return "timed out after " + seconds(responseTimeout) + " waiting for " + host;
        }
        if (failure instanceof SSLException) {
            return "TLS handshake failed: " + detail(failure);
        }
        if (failure instanceof LookupTimeoutException) {
            return failure.getMessage();
        }
        if (failure instanceof UnknownHostException) {
            return "host " + host + " could not be resolved";
        }
        return network(failure, host);
    }

    private static String network(Throwable failure, String host) {
        if (failure instanceof NoHttpResponseException) {
            return "connection closed by " + host + " without an answer";
        }
        if (failure instanceof ProtocolException || failure.getCause() instanceof ProtocolException) {
            return "invalid HTTP answer from " + host;
        }
        if (failure instanceof SocketException && String.valueOf(failure.getMessage()).toLowerCase().contains("reset")) {
            return "connection reset by " + host;
        }
        if (failure instanceof InterruptedIOException) {
            return "interrupted while delivering to " + host;
        }
        if (failure instanceof IOException) {
            return "network error talking to " + host + " (" + failure.getClass().getSimpleName() + ")";
        }
        return "delivery failed (" + failure.getClass().getSimpleName() + ")";
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
