package dev.webhooks.domain.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP POST to make: the target URL, the exact body bytes, every header to send (signatures included), and how
 * to treat the target's certificate. {@link #toString()} shows neither headers nor body, which may hold secrets.
 */
public record DeliveryRequest(String deliveryId, String url, byte[] body, Map<String, String> headers,
                              boolean checkCertificateRevocation, Duration timeout) {
    public DeliveryRequest {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
        return "DeliveryRequest[deliveryId=" + deliveryId + ", url=" + url + ", bytes=" + body.length + "]";
    }
}
