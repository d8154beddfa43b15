package dev.webhooks.bootstrap.ops;

import dev.webhooks.application.delivery.PurgeDeliveryHistory;
import dev.webhooks.application.event.PublishEvent;
import dev.webhooks.application.ops.OperateWebhook;
import dev.webhooks.application.ops.RedeliverFailed;
import dev.webhooks.application.ops.RotateEncryptionKey;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.Webhook;
import io.dropwizard.servlets.tasks.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operator's admin tasks ({@code POST /tasks/<name>} on the admin port), built from the use cases. */
public final class Tasks {
    private Tasks() {
    }

    /** Switches delivery claiming on this instance off and on. */
    public interface DeliverySwitch {
        void pause();

        void resume();

        int inFlight();
    }

    public static List<Task> all(PublishEvent publishEvent, RedeliverFailed redeliver, OperateWebhook operate,
                                 PurgeDeliveryHistory purge, Duration retention, DeliverySwitch deliveries,
                                 RotateEncryptionKey rotate, String currentKeyId, Clock clock) {
        return List.of(
                task("rotate-encryption-key", (parameters, body) -> {
                    RotateEncryptionKey.Outcome outcome = rotate.rotate();
                    return Map.of("keyId", currentKeyId, "reencrypted", outcome.reencrypted(), "unreadable", outcome.unreadable());
                }),
                task("publish-event", (parameters, body) -> publish(publishEvent, body)),
                task("redeliver", (parameters, body) -> redeliver(redeliver, parameters, retention, clock)),
                task("enable-webhook", (parameters, body) -> describe("enabled", operate.enable(parameters.required("webhookId")))),
                task("disable-webhook", (parameters, body) -> describe("disabled",
                        operate.disable(parameters.required("webhookId"), parameters.text("reason").orElse(null)))),
                task("purge-deliveries", (parameters, body) -> {
                    Duration age = parameters.duration("olderThan").orElse(retention);
                    return Map.of("deleted", purge.purgeOlderThan(age), "olderThan", age.toString());
                }),
                task("pause-delivery", (parameters, body) -> {
                    deliveries.pause();
                    return Map.of("paused", true, "inFlight", deliveries.inFlight());
                }),
                task("resume-delivery", (parameters, body) -> {
                    deliveries.resume();
                    return Map.of("paused", false);
                }));
    }

    private static Map<String, Object> publish(PublishEvent publishEvent, String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("the body must be a CloudEvent (JSON)");
        }
        CloudEvent event = CloudEvent.fromJson(body);
        boolean fresh = publishEvent.publish(List.of(event)).get(0);
        return Map.of("id", event.id(), "tenantId", event.tenantId(), "duplicate", !fresh);
    }

    private static Map<String, Object> redeliver(RedeliverFailed redeliver, TaskParameters parameters, Duration retention, Clock clock) {
        Instant until = parameters.instant("until").orElse(clock.instant());
        Instant since = parameters.instant("since").orElse(until.minus(retention));
        DeliveryQueue.RequeueCriteria criteria = new DeliveryQueue.RequeueCriteria(parameters.text("tenantId"),
                parameters.text("webhookId"), since, until, parameters.text("eventType"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("redelivered", redeliver.redeliver(criteria));
        answer.put("since", since.toString());
        answer.put("until", until.toString());
        return answer;
    }

    private static Map<String, Object> describe(String action, Webhook webhook) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(action, webhook.id().toString());
        answer.put("tenantId", webhook.tenantId());
        answer.put("enabled", webhook.enabled());
        if (webhook.disabledReason() != null) {
            answer.put("disabledReasonCode", webhook.disabledReason().code().name());
            answer.put("disabledReason", webhook.disabledReason().message());
        }
        return answer;
    }

    private interface Body {
        Map<String, Object> run(TaskParameters parameters, String body);
    }

    private static Task task(String name, Body body) {
        return new JsonTask(name) {
            @Override
            Map<String, Object> run(TaskParameters parameters, String text) {
                return body.run(parameters, text);
            }
        };
    }
}
