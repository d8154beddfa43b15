package dev.webhooks.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.webhooks.adapters.delivery.HttpDeliverySender;
import dev.webhooks.adapters.delivery.HttpDeliverySettings;
import dev.webhooks.adapters.delivery.TargetGuard;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.webhook.TargetPolicy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitGaugesTest {
    private final MetricRegistry metrics = new MetricRegistry();
    private final CircuitGauges gauges = new CircuitGauges(metrics);
    /** Every name fails to resolve at once, without DNS; one failure opens a target's circuit. */
    private final HttpDeliverySender sender = new HttpDeliverySender(
            new TargetGuard(new TargetPolicy(true, List.of()), name -> {
                throw new UnknownHostException(name);
            }, Duration.ofSeconds(5)),
            HttpDeliverySettings.defaults().withCircuit(1, Duration.ofSeconds(30)).withCircuitBounds(100, Duration.ofMinutes(10)),
            gauges);

    @Test
    void aTargetHasAGaugeWhileItsCircuitIsOpen() {
        sender.send(request("http://one.circuit-gauges.example.com/hook"));

        assertThat(circuitGauges()).containsOnlyKeys("deliveries.circuit.one.circuit-gauges.example.com:80");
        assertThat(circuitGauges().values().iterator().next().getValue()).isEqualTo(2);
        sender.close();
    }

    @Test
    void theRegistryHoldsNoMoreGaugesThanTheSenderKeepsBreakers() {
        for (int i = 0; i < 5_000; i++) {
            sender.send(request("http://t" + i + ".circuit-gauges.example.com/hook"));
        }

        assertThat(circuitGauges()).hasSize(100);
        assertThat(gauges.size()).isEqualTo(100);
        assertThat(circuitGauges().keySet()).allMatch(name -> sender.circuitStates()
                .containsKey(name.substring("deliveries.circuit.".length())));
        sender.close();
    }

    @SuppressWarnings("rawtypes")
    private Map<String, Gauge> circuitGauges() {
        return metrics.getGauges((name, metric) -> name.startsWith("deliveries.circuit."));
    }

    private static DeliveryRequest request(String url) {
        return new DeliveryRequest("d-1", url, "{}".getBytes(), Map.of(), false, Duration.ofSeconds(5));
    }
}
