package dev.webhooks.application.delivery;

import dev.webhooks.domain.delivery.AttemptFailure;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.OutgoingRequest;
import dev.webhooks.domain.port.DeliveryQueue.Claimed;
import dev.webhooks.domain.port.DeliverySender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes one attempt of a claimed delivery: signs it with the webhook's current URL, headers and secret and sends it.
 * A webhook whose secrets cannot be decrypted gets nothing sent; the attempt says why.
 */
public final class AttemptDelivery {
    private final DeliverySender sender;
    private final Clock clock;
    private final Duration timeout;

    public AttemptDelivery(DeliverySender sender, Clock clock, Duration timeout) {
        this.sender = sender;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** One attempt, finished: what was sent and what came back. */
    public record Finished(Claimed claimed, Optional<OutgoingRequest> request, DeliveryAttempt attempt, Instant startedAt,
                           Instant finishedAt) {
    }

    public Finished attempt(Claimed claimed) {
        Instant started = clock.instant();
        if (claimed.webhook().isEmpty()) {
            DeliveryAttempt notSent = DeliveryAttempt.failed(AttemptFailure.SECRET_UNREADABLE, "not sent: the webhook's"
                    + " secret or encrypted headers cannot be decrypted with the configured keys");
            return new Finished(claimed, Optional.empty(), notSent, started, started);
        }
        OutgoingRequest request = OutgoingRequest.of(claimed.delivery(), claimed.webhook().get(), started, timeout);
        DeliveryAttempt attempt = sender.send(request.request());
        return new Finished(claimed, Optional.of(request), attempt, started, clock.instant());
    }
}
