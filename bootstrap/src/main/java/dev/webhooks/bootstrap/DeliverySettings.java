package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.domain.delivery.AutoDisableRules;
import dev.webhooks.domain.delivery.DeliveryPolicy;
import dev.webhooks.domain.delivery.FixedRetrySchedule;
import dev.webhooks.engine.EngineSettings;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** How deliveries are sent: concurrency, the slow lane, lease, per-attempt timeout, polling and the retry schedule. */
public class DeliverySettings {
    @Min(1)
    private int maxInFlight = 64;
    @NotNull
    private Duration lease = Duration.seconds(60);
    @NotNull
    private Duration attemptTimeout = Duration.seconds(10);
    @NotNull
    private Duration connectTimeout = Duration.seconds(5);
    @NotNull
    private Duration pollInterval = Duration.milliseconds(200);
    @NotEmpty
    private List<Duration> retryDelays = List.of(Duration.seconds(0), Duration.seconds(5), Duration.minutes(5),
            Duration.minutes(30), Duration.hours(2), Duration.hours(5), Duration.hours(10), Duration.hours(10));
    @DecimalMin("0.0")
    @DecimalMax("0.99")
    private double retryJitter = 0.2;
    @NotNull
    private Duration maxRetryAfter = Duration.hours(10);
    private boolean enabled = true;
    @NotNull
    private Duration retention = Duration.days(7);
    @NotNull
    private Duration purgeInterval = Duration.hours(1);
    @Min(0)
    private int autoDisableAfterConsecutiveFailures = 0;
    @NotNull
    private Duration autoDisableAfterFailingFor = Duration.days(5);
    @Min(1)
    private int maxInFlightPerWebhook = 8;
    @NotNull
    private Duration backlogThreshold = Duration.minutes(5);
    @NotNull
    private Duration shutdownGrace = Duration.seconds(10);
    @Min(1)
    private int slowLaneSlots = 16;
    @NotNull
    private Duration slowAttemptAfter = Duration.seconds(2);
    @NotNull
    private Duration secretRotationGrace = Duration.hours(24);

    @JsonProperty
    public void setSecretRotationGrace(Duration secretRotationGrace) {
        this.secretRotationGrace = secretRotationGrace;
    }

    /** How long a replaced secret keeps signing next to the new one; zero turns that off. */
    public java.time.Duration secretRotationGrace() {
        return secretRotationGrace.toJavaDuration();
    }

    @JsonProperty
    public void setSlowLaneSlots(int slowLaneSlots) {
        this.slowLaneSlots = slowLaneSlots;
    }

    @JsonProperty
    public void setSlowAttemptAfter(Duration slowAttemptAfter) {
        this.slowAttemptAfter = slowAttemptAfter;
    }

    @JsonProperty
    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }

    public java.time.Duration shutdownGrace() {
        return shutdownGrace.toJavaDuration();
    }

    @JsonProperty
    public void setBacklogThreshold(Duration backlogThreshold) {
        this.backlogThreshold = backlogThreshold;
    }

    public java.time.Duration backlogThreshold() {
        return backlogThreshold.toJavaDuration();
    }

    @JsonProperty
    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    @JsonProperty
    public void setPurgeInterval(Duration purgeInterval) {
        this.purgeInterval = purgeInterval;
    }

    @JsonProperty
    public void setAutoDisableAfterConsecutiveFailures(int count) {
        this.autoDisableAfterConsecutiveFailures = count;
    }

    @JsonProperty
    public void setAutoDisableAfterFailingFor(Duration period) {
        this.autoDisableAfterFailingFor = period;
    }

    @JsonProperty
    public void setMaxInFlightPerWebhook(int maxInFlightPerWebhook) {
        this.maxInFlightPerWebhook = maxInFlightPerWebhook;
    }

    public java.time.Duration retention() {
        return retention.toJavaDuration();
    }

    public java.time.Duration purgeInterval() {
        return purgeInterval.toJavaDuration();
    }

    /** The outcome policy: this retry schedule and jitter, the Retry-After cap and the auto-disable rules. */
    public DeliveryPolicy deliveryPolicy() {
        return new DeliveryPolicy(new FixedRetrySchedule(retryDelays.stream().map(Duration::toJavaDuration).toList()),
                retryJitter, maxRetryAfter.toJavaDuration(), new AutoDisableRules(autoDisableAfterConsecutiveFailures,
                autoDisableAfterFailingFor.toJavaDuration()), () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    @JsonProperty
    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    @JsonProperty
    public void setLease(Duration lease) {
        this.lease = lease;
    }

    @JsonProperty
    public void setAttemptTimeout(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public void setRetryDelays(List<Duration> retryDelays) {
        this.retryDelays = retryDelays;
    }

    @JsonProperty
    public void setRetryJitter(double retryJitter) {
        this.retryJitter = retryJitter;
    }

    @JsonProperty
    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** A claimed delivery may wait one attempt for its webhook's turn, then takes one attempt itself. */
    @io.dropwizard.validation.ValidationMethod(message = "delivery.lease must be longer than twice delivery.attemptTimeout plus 5s")
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isLeaseLongerThanAttempt() {
        return lease.toJavaDuration().compareTo(attemptTimeout.toJavaDuration().multipliedBy(2).plusSeconds(5)) > 0;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public java.time.Duration pollInterval() {
        return pollInterval.toJavaDuration();
    }

    public java.time.Duration attemptTimeout() {
        return attemptTimeout.toJavaDuration();
    }

    public java.time.Duration connectTimeout() {
        return connectTimeout.toJavaDuration();
    }

    /** What the engine needs to know; claims and recordings are gathered for 10 ms, so each is one transaction. */
    public EngineSettings engineSettings() {
        return new EngineSettings(maxInFlight, maxInFlightPerWebhook, slowLaneSlots, slowAttemptAfter.toJavaDuration(),
                lease.toJavaDuration(), pollInterval.toJavaDuration(), java.time.Duration.ofMillis(10),
                shutdownGrace.toJavaDuration());
    }
}
