package dev.webhooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

/** HttpCore keeps an empty per-route pool for every route it leased a connection for, until a sweep drops it. */
class PoolSweeperTest {

    @Test
    void sweepsDropTheRoutePoolsOfTargetsNoLongerCalled() throws Exception {
        try (PoolSweeper sweeper = new PoolSweeper(Duration.ofHours(1), Duration.ofMinutes(1), 1_000);
             PoolingHttpClientConnectionManager pool = sweeper.watch(PoolingHttpClientConnectionManagerBuilder.create().build())) {
            for (int i = 0; i < 5; i++) {
                leaseAndRelease(pool, "t" + i + ".example.com");
            }
            assertThat(pool.getRoutes()).as("left behind by leases that never connected").hasSize(5);

            sweeper.sweep();

            assertThat(pool.getRoutes()).isEmpty();
        }
    }

    @Test
    void aBurstOfNewTargetsTriggersASweep() throws Exception {
        try (PoolSweeper sweeper = new PoolSweeper(Duration.ofHours(1), Duration.ofMinutes(1), 3);
             PoolingHttpClientConnectionManager pool = sweeper.watch(PoolingHttpClientConnectionManagerBuilder.create().build())) {
            for (int i = 0; i < 2; i++) {
                leaseAndRelease(pool, "t" + i + ".example.com");
                sweeper.targetAdded();
            }
            assertThat(sweeper.routes()).isEqualTo(2);

            sweeper.targetAdded();

            assertThat(sweeper.routes()).isZero();
        }
    }

    private static void leaseAndRelease(PoolingHttpClientConnectionManager pool, String host) throws Exception {
        ConnectionEndpoint endpoint = pool.lease("test", new HttpRoute(new HttpHost("https", host, 443)), Timeout.ofSeconds(1), null)
                .get(Timeout.ofSeconds(1));
        pool.release(endpoint, null, TimeValue.ofMilliseconds(TimeUnit.SECONDS.toMillis(1)));
    }
}
