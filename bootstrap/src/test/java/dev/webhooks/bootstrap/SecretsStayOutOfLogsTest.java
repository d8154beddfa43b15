package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Secrets, encrypted header values and tokens never reach a log line, whatever the request does. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecretsStayOutOfLogsTest {
    static final Receiver RECEIVER = new Receiver();
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            ConfigOverride.config("delivery.pollInterval", "50ms"));
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    static final String SECRET = "log-secret-0123456789abcdef0123456789";
    static final String HEADER_VALUE = "log-encrypted-header-value";

    /** Attached once the application has configured logging (which replaces the appenders). */
    private static void capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LOGS.setContext(context);
        LOGS.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(LOGS);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.INFO);
        context.getLogger("dev.webhooks").setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @AfterAll
    static void release() {
        RECEIVER.close();
        TestApp.forgetTenants("logs-");
    }

    @Test
    void noSecretOrTokenIsEverLogged() throws Exception {
        capture();
        String tenant = "logs-" + UUID.randomUUID();
        ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");
        ApiClient.Answer created = admin.post("/api/v1/webhooks", Map.of("name", "logs", "url", RECEIVER.url("/logs"),
                "eventTypes", List.of("com.qlik.v1.app.created"), "enabled", true, "secret", SECRET,
                "encryptedHeaders", Map.of("X-Api-Key", HEADER_VALUE)));
        String id = (String) created.json().get("id");
        admin.patch("/api/v1/webhooks/" + id, List.of(Map.of("op", "replace", "path", "/secret", "value", "short")));
        String event = "{\"specversion\":\"1.0\",\"id\":\"l1\",\"source\":\"s\",\"type\":\"com.qlik.v1.app.created\","
                + "\"tenantid\":\"" + tenant + "\"}";
        try (Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/events").request()
                .header("Authorization", "Bearer " + admin.token()).post(Entity.json(event))) {
            assertThat(response.getStatus()).isEqualTo(202);
        }
        RECEIVER.next("/logs", Duration.ofSeconds(15));
        Thread.sleep(500);
        String deliveryId = (String) admin.get("/api/v1/webhooks/" + id + "/deliveries").data().get(0).get("id");
        admin.post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/actions/resend", Map.of());
        new ApiClient(APP.client(), "http://localhost:" + APP.getLocalPort(), admin.token() + "tampered").get("/api/v1/webhooks");

        List<ILoggingEvent> events;
        synchronized (LOGS) { // AppenderBase appends under the appender's lock
            events = new java.util.ArrayList<>(LOGS.list);
        }
        List<String> lines = events.stream().map(SecretsStayOutOfLogsTest::render).toList();
        assertThat(lines).isNotEmpty();
        String tokenSignature = admin.token().substring(admin.token().lastIndexOf('.') + 1);
        for (String line : lines) {
            assertThat(line).doesNotContain(SECRET).doesNotContain(HEADER_VALUE).doesNotContain(tokenSignature);
        }
    }

    private static String render(ILoggingEvent event) {
        String throwable = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getFormattedMessage() + " " + event.getMDCPropertyMap() + " " + throwable;
    }
}
