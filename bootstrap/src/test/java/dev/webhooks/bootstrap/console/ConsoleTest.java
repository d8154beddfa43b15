package dev.webhooks.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.bootstrap.WebhooksConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in headless Chromium against the real service: sign-in, the webhook form and list, errors at their
 * fields, a tenant's markup shown as text, a delivery's detail and resend, the chart, and a clean page console.
 */
@Tag("database-independent") // the same on any database: CI's pass on the external server leaves it out
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleTest {
    static final ConsoleReceiver RECEIVER = new ConsoleReceiver();
    static final DropwizardAppExtension<WebhooksConfiguration> APP = ConsoleApp.create(Map.of());
    static final ObjectMapper JSON = new ObjectMapper();
    static Browser browser;

    private final String tenant = "console-" + UUID.randomUUID();
    private final String token = ConsoleApp.token(APP, tenant, "alice", Duration.ofMinutes(30), "TenantAdmin");

    @BeforeAll
    static void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
        RECEIVER.close();
        ConsoleApp.forgetTenants("console-");
    }

    @BeforeEach
    void freshTab() {
        browser.reset(ConsoleApp.consoleUrl(APP));
    }

    private void signIn(String withToken) {
        browser.open(ConsoleApp.consoleUrl(APP));
        browser.type(browser.labelled("Access token"), withToken);
        browser.find("form.sign-in-form button[type=submit]").click();
        browser.awaitText("h1", "Webhooks");
    }

    @Test
    void signsInRefusesBadTokensAndSignsOut() {
        browser.open(ConsoleApp.consoleUrl(APP));
        assertThat(browser.find("label[for=access-token]").getText()).isEqualTo("Access token");
        WebElement field = browser.labelled("Access token");

        browser.type(field, "not-a-token");
        browser.find("form.sign-in-form button[type=submit]").click();
        assertThat(browser.awaitText("#access-token-error", "refused").getText()).contains("not a well-formed signed JWT");
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");

        browser.type(field, ConsoleApp.token(APP, tenant, "alice", Duration.ofMinutes(-5), "TenantAdmin"));
        browser.find("form.sign-in-form button[type=submit]").click();
        browser.awaitText("#access-token-error", "the token has expired");
        assertThat(browser.sessionStorage()).isEmpty();

        browser.type(field, token);
        browser.find("form.sign-in-form button[type=submit]").click();
        browser.awaitText("h1", "Webhooks");
        browser.awaitText(".empty", "No webhooks yet");
        assertThat(browser.find("#who").getText()).contains("alice").contains(tenant);
        assertThat(browser.sessionStorage()).containsExactly(Map.entry("webhooks-console.token", token));
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(token);
        browser.screenshot("sign-in-done", 1280);

        browser.find("#sign-out").click();
        browser.await("#access-token");
        assertThat(browser.sessionStorage()).isEmpty();
        browser.assertNoConsoleErrors(401);
    }

    @Test
    void anExpiringTokenBringsTheFormBackWithTheReason() {
        signIn(ConsoleApp.token(APP, tenant, "alice", Duration.ofSeconds(3), "TenantAdmin"));
        assertThat(browser.awaitText("p.warning", "expired").getText()).contains("Your token has expired");
        assertThat(browser.find("#access-token").isDisplayed()).isTrue();
        assertThat(browser.sessionStorage()).isEmpty();
        browser.screenshot("sign-in", 1280);
        browser.screenshot("sign-in", 390);
        browser.assertNoConsoleErrors();
    }

    @Test
    void createsEditsDisablesAndDeletesAWebhook() {
        signIn(token);
        browser.find("a[href='#/webhooks/new']").click();
        browser.awaitText("h1", "New webhook");
        browser.type(browser.labelled("Name"), "Orders");
        browser.type(browser.labelled("Target URL"), RECEIVER.url("/orders"));
        browser.find("input[type=checkbox][value='com.qlik.v1.app.created']").click();
        browser.find("input[type=checkbox][value='com.qlik.v1.app.reload.finished']").click();
        addHeaderRow("Add header", "X-Team", "blue");
        addHeaderRow("Add encrypted header", "X-Api-Key", "key-from-the-console");
        clickButton("Generate a secret");
        browser.screenshot("webhook-form", 1280);
        browser.screenshot("webhook-form", 390);
        clickButton("Create webhook");

        browser.awaitText("p.notice", "Created “Orders”");
        WebElement link = browser.awaitText("a.webhook-name", "Orders");
        JsonNode created = webhookNamed("Orders");
        assertThat(created.get("headers").get("X-Team").asText()).isEqualTo("blue");
        assertThat(created.get("encryptedHeaders").get(0).asText()).isEqualTo("X-Api-Key");
        assertThat(created.get("secretKeyAdded").asBoolean()).isTrue();
        assertThat(created.get("origin").asText()).isEqualTo("management-console");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("eventTypes")).hasSize(2);

        link.click();
        browser.awaitText("h1", "Orders");
        assertThat(browser.find(".secret-state").getText()).contains("A secret is set");
        browser.type(browser.labelled("Name"), "Orders and reloads");
        clickButton("Save changes");
        browser.awaitText("p.notice", "Saved “Orders and reloads”");
        JsonNode edited = webhookNamed("Orders and reloads");
        assertThat(edited.get("secretKeyAdded").asBoolean()).as("the secret stays: the edit was a patch").isTrue();
        assertThat(edited.get("encryptedHeaders").get(0).asText()).isEqualTo("X-Api-Key");

        WebElement toggle = browser.await("button.switch");
        assertThat(toggle.getAttribute("aria-checked")).isEqualTo("true");
        toggle.click();
        browser.until(d -> "false".equals(browser.find("button.switch").getAttribute("aria-checked")));
        browser.awaitText(".announcer", "is disabled");
        assertThat(webhookNamed("Orders and reloads").get("enabled").asBoolean()).isFalse();

        browser.find("button[aria-label='Delete Orders and reloads']").click();
        WebElement dialog = browser.await("dialog.dialog");
        assertThat(dialog.getText()).contains("“Orders and reloads” and its delivery history will be deleted");
        dialog.findElement(By.xpath(".//button[text()='Delete']")).click();
        browser.awaitText("p.notice", "Deleted “Orders and reloads”");
        browser.awaitText(".empty", "No webhooks yet");
        assertThat(api("GET", "/api/v1/webhooks", null).get("data")).isEmpty();
        browser.assertNoConsoleErrors();
    }

    @Test
    void setsTheDeliveryControlsAndSendsFailedDeliveriesAgain() throws Exception {
        signIn(token);
        browser.open(ConsoleApp.consoleUrl(APP) + "#/webhooks/new");
        browser.awaitText("h1", "New webhook");
        browser.type(browser.labelled("Name"), "Ledger");
        browser.type(browser.labelled("Target URL"), RECEIVER.url("/ledger"));
        browser.find("input[type=checkbox][value='com.qlik.v1.app.created']").click();
        browser.labelled("Deliver one at a time, in the order the events were accepted").click();
        WebElement rate = browser.labelled("Most deliveries per second");
        browser.type(rate, "0");
        clickButton("Create webhook");

        String rateError = browser.await("#" + rate.getAttribute("id") + "-error").getText();
        assertThat(rateError).contains("'maxDeliveriesPerSecond'").contains("VALIDATION_FAILED");
        browser.type(rate, "20");
        clickButton("Create webhook");
        browser.awaitText("p.notice", "Created “Ledger”");
        JsonNode created = webhookNamed("Ledger");
        assertThat(created.get("orderedDelivery").asBoolean()).isTrue();
        assertThat(created.get("maxDeliveriesPerSecond").asInt()).isEqualTo(20);

        browser.awaitText("a.webhook-name", "Ledger").click();
        browser.awaitText("h1", "Ledger");
        browser.labelled("Deliver one at a time, in the order the events were accepted").click();
        browser.type(browser.labelled("Most deliveries per second"), "");
        clickButton("Save changes");
        browser.awaitText("p.notice", "Saved “Ledger”");
        JsonNode edited = webhookNamed("Ledger");
        assertThat(edited.get("orderedDelivery").asBoolean()).isFalse();
        assertThat(edited.has("maxDeliveriesPerSecond")).as("the limit removed").isFalse();

        String id = created.get("id").asText();
        publish("ledger-fail", "com.qlik.v1.app.created", "fail");
        awaitFinalDeliveries(id, 1);
        browser.open(ConsoleApp.consoleUrl(APP) + "#/webhooks/" + id);
        browser.awaitText("h1", "Ledger");
        clickButton("Send failed deliveries again");
        WebElement dialog = browser.await("dialog.dialog");
        assertThat(dialog.getText()).contains("failed for good in").contains("is sent again");
        WebElement window = dialog.findElement(By.cssSelector("select[aria-label='Failed within']"));
        assertThat(new Select(window).getFirstSelectedOption().getText()).isEqualTo("the last 24 hours");
        new Select(window).selectByVisibleText("the last hour");
        browser.screenshot("recover-dialog", 1280);
        browser.screenshot("recover-dialog", 390);
        dialog.findElement(By.xpath(".//button[text()='Send again']")).click();
        browser.awaitText("p.recovered", "Queued 1 failed delivery to send again.");
        assertThat(api("GET", "/api/v1/webhooks/" + id + "/deliveries", null).get("data")).hasSize(2);
        browser.assertNoConsoleErrors(400);
    }

    @Test
    void showsEachErrorAtTheFieldThatCausedIt() {
        signIn(token);
        browser.open(ConsoleApp.consoleUrl(APP) + "#/webhooks/new");
        browser.awaitText("h1", "New webhook");
        browser.type(browser.labelled("Name"), "Filtered");
        browser.type(browser.labelled("Target URL"), "ftp://receiver.example.com/hooks");
        browser.find("input[type=checkbox][value='com.qlik.v1.app.created']").click();
        browser.type(browser.labelled("Filter"), "id eqq \"x\"");
        clickButton("Create webhook");

        WebElement url = browser.labelled("Target URL");
        String urlError = browser.await("#" + url.getAttribute("id") + "-error").getText();
        assertThat(urlError).contains("'url' must be an absolute https URL").contains("VALIDATION_FAILED");
        assertThat(url.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.script("return document.activeElement.id")).isEqualTo(url.getAttribute("id"));

        browser.type(url, RECEIVER.url("/filtered"));
        clickButton("Create webhook");
        WebElement filter = browser.labelled("Filter");
        WebElement filterError = browser.awaitText("#" + filter.getAttribute("id") + "-error", "position");
        assertThat(filterError.getText()).contains("unexpected token 'eqq' at position 3").contains("INVALID_FILTER");
        assertThat(filterError.findElement(By.cssSelector("pre.position-marker")).getText()).isEqualTo("id eqq \"x\"\n   ^");
        assertThat(filter.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(url.getAttribute("aria-invalid")).isNull();
        assertThat(browser.find(".form-error").getText()).contains("see the marked fields").contains("Trace id");
        browser.screenshot("filter-error", 1280);
        browser.assertNoConsoleErrors(400);
    }

    @Test
    void showsWhatATenantTypedAsTextAndRunsNoScript() {
        String name = "<img src=x onerror=alert(1)>";
        String id = api("POST", "/api/v1/webhooks", Map.of("name", name, "url", RECEIVER.url("/markup"),
                "description", "<script>alert(2)</script><b>bold</b>",
                "eventTypes", List.of("com.qlik.v1.app.created"), "headers", Map.of("X-Note", "<i>x</i>"))).get("id").asText();
        signIn(token);

        WebElement link = browser.awaitText("a.webhook-name", "<img");
        assertThat(link.getText()).isEqualTo(name);
        assertThat(browser.find("td p.description").getText()).isEqualTo("<script>alert(2)</script><b>bold</b>");
        assertThat(browser.all("main img, main script, main b, main i")).isEmpty();
        link.click();
        assertThat(browser.awaitText("h1", "<img").getText()).isEqualTo(name);
        assertThat(browser.all("main img, main script, main b, main i")).isEmpty();
        browser.open(ConsoleApp.consoleUrl(APP) + "#/webhooks/" + id + "/deliveries");
        browser.awaitText("h1", "Deliveries of “<img");
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.all("main img, main script")).isEmpty();
        browser.assertNoConsoleErrors();
    }

    @Test
    void showsADeliveryWithItsChartDetailAndResend() throws Exception {
        String id = api("POST", "/api/v1/webhooks", Map.of("name", "Reload alerts", "url", RECEIVER.url("/reloads"),
                "enabled", true, "eventTypes", List.of("com.qlik.v1.app.reload.finished", "com.qlik.v1.app.created"),
                "headers", Map.of("X-Team", "blue"), "encryptedHeaders", Map.of("X-Api-Key", "very-secret-key"),
                "secret", "0123456789abcdef0123456789abcdef")).get("id").asText();
        publish("ok-1", "com.qlik.v1.app.reload.finished", "ok");
        publish("ok-2", "com.qlik.v1.app.created", "ok");
        publish("fail-1", "com.qlik.v1.app.reload.finished", "fail");
        createNeighbours();
        awaitFinalDeliveries(id, 3);
        signIn(token);
        browser.awaitText("a.webhook-name", "Space cleanup");
        browser.screenshot("webhooks", 1280);
        browser.screenshot("webhooks", 390);

        browser.open(ConsoleApp.consoleUrl(APP) + "#/webhooks/" + id + "/deliveries");
        browser.awaitText("h1", "Deliveries of “Reload alerts”");
        browser.awaitText(".chart-summary", "2 deliveries succeeded and 1 delivery failed in the last 24 hours");
        assertThat(browser.all("#activity svg.chart rect.bar.success")).isNotEmpty();
        assertThat(browser.all("#activity svg.chart rect.bar.fail")).isNotEmpty();
        assertThat(browser.all("#activity svg.chart g.hour")).hasSize(24);
        assertThat(browser.all(".results table.data tbody tr")).hasSize(3);
        browser.screenshot("deliveries", 1280);
        browser.screenshot("deliveries", 390);

        choose("status", "Fail");
        clickButton("Apply");
        browser.until(d -> browser.all(".results table.data tbody tr").size() == 1);
        assertThat(browser.find(".results table.data tbody tr").getText()).contains("Fail").contains("500");
        choose("status", "Success");
        clickButton("Apply");
        browser.until(d -> browser.all(".results table.data tbody tr").size() == 2);

        browser.find(".results table.data tbody tr a.delivery-link").click();
        browser.awaitText("h1", "Delivery of");
        String detail = browser.find("main").getText();
        assertThat(detail).contains(RECEIVER.url("/reloads")).contains("X-Team").contains("blue")
                .contains("X-Api-Key").contains("**OMITTED**").doesNotContain("very-secret-key").contains("HTTP 200");
        String requestBody = browser.find("pre.code-block").getText();
        assertThat(requestBody).startsWith("{\n  \"").contains("\n  \"specversion\": \"1.0\",")
                .contains("\n  \"data\": {\n    \"").contains("\n    \"outcome\": \"ok\"");
        assertThat(browser.all("pre.code-block").get(1).getText()).isEqualTo("{\n  \"received\": true,\n  \"queue\": \"main\"\n}");
        assertThat(browser.find("time").getAttribute("title")).endsWith(" UTC");
        String original = browser.find("code.delivery-id").getText();
        browser.screenshot("delivery", 1280);
        browser.screenshot("delivery", 390);

        int receivedBefore = RECEIVER.received();
        browser.find("#resend").click();
        browser.awaitText("p.notice", "Resent: this is the new delivery, delivered.");
        browser.until(d -> !browser.find("code.delivery-id").getText().equals(original));
        assertThat(RECEIVER.received()).isEqualTo(receivedBefore + 1);
        assertThat(browser.find("p.notice a").getAttribute("href")).endsWith("/deliveries/" + original);
        browser.assertNoConsoleErrors();
    }

    @Test
    void listsWebhooksWithFiltersSortAndPages() {
        for (int i = 1; i <= 12; i++) {
            api("POST", "/api/v1/webhooks", Map.of("name", String.format("Hook %02d", i), "url", RECEIVER.url("/list/" + i),
                    "enabled", i % 3 != 0, "level", i % 4 == 0 ? "user" : "tenant",
                    "eventTypes", List.of(i % 2 == 0 ? "com.qlik.v1.app.created" : "com.qlik.v1.user.created")));
        }
        signIn(token);
        browser.awaitText("a.webhook-name", "Hook");
        assertThat(browser.all("a.webhook-name")).hasSize(12);

        choose("sort", "Name, A to Z");
        choose("limit", "10");
        clickButton("Apply");
        browser.until(d -> browser.all("a.webhook-name").size() == 10);
        assertThat(browser.all("a.webhook-name").get(0).getText()).isEqualTo("Hook 01");
        browser.find("a[rel=next]").click();
        browser.until(d -> browser.all("a.webhook-name").size() == 2);
        assertThat(names()).containsExactly("Hook 11", "Hook 12");
        browser.find("a[rel=prev]").click();
        browser.until(d -> browser.all("a.webhook-name").size() == 10);

        browser.type(browser.labelled("Name"), "hook 1");
        choose("enabled", "Disabled");
        clickButton("Apply");
        browser.until(d -> names().equals(List.of("Hook 12")));
        choose("enabled", "Any");
        choose("eventTypes", "User created");
        browser.type(browser.labelled("Name"), "");
        clickButton("Apply");
        browser.until(d -> browser.all("a.webhook-name").size() == 6);
        browser.find("details.more-filters summary").click();
        browser.type(browser.labelled("Owner"), "nobody");
        clickButton("Apply");
        browser.awaitText(".empty", "No webhooks match these filters");
        browser.assertNoConsoleErrors();
    }

    /** Other webhooks of the tenant, for a list that looks like a real one; they match none of the published events. */
    private void createNeighbours() {
        api("POST", "/api/v1/webhooks", Map.of("name", "CRM sync", "url", "https://crm.example.com/hooks/qlik",
                "description", "Creates an account activity for each published app",
                "eventTypes", List.of("com.qlik.v1.app.published", "com.qlik.v1.app.exported")));
        api("POST", "/api/v1/webhooks", Map.of("name", "Audit trail", "url", "https://audit.example.org/webhooks/qlik",
                "enabled", true, "eventTypes", List.of("com.qlik.v1.user.created", "com.qlik.v1.user.deleted",
                        "com.qlik.v1.api-key.validation.failed")));
        String cleanup = api("POST", "/api/v1/webhooks", Map.of("name", "Space cleanup", "url", "https://hooks.example.net/cleanup",
                "enabled", true, "eventTypes", List.of("com.qlik.v1.app.deleted"))).get("id").asText();
        try (Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/tasks/disable-webhook")
                .queryParam("webhookId", cleanup).queryParam("reason", "receiver maintenance until Friday")
                .request().post(Entity.text(""))) {
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    @Test
    void worksWithTheKeyboardAlone() {
        api("POST", "/api/v1/webhooks", Map.of("name", "Keyboard", "url", RECEIVER.url("/keys"), "enabled", true,
                "eventTypes", List.of("com.qlik.v1.app.created")));
        browser.open(ConsoleApp.consoleUrl(APP));
        browser.awaitText("h1", "Sign in");
        press(Keys.TAB);
        assertThat(focused()).isEqualTo("Access token");
        browser.driver().switchTo().activeElement().sendKeys(token, Keys.ENTER);
        browser.awaitText("a.webhook-name", "Keyboard");

        List<String> reached = new java.util.ArrayList<>();
        for (int i = 0; i < 25 && !reached.contains("Delete Keyboard"); i++) {
            press(Keys.TAB);
            reached.add(focused());
        }
        assertThat(reached).contains("New webhook", "Name", "URL", "Status", "Event type", "More filters", "Sort", "Apply",
                "Keyboard", "Enabled: Keyboard", "Deliveries", "Delete Keyboard");

        press(Keys.SHIFT, Keys.TAB);
        press(Keys.SHIFT, Keys.TAB);
        assertThat(focused()).isEqualTo("Enabled: Keyboard");
        press(Keys.SPACE);
        browser.awaitText(".announcer", "“Keyboard” is disabled");
        assertThat(focused()).isEqualTo("Enabled: Keyboard");

        press(Keys.TAB);
        press(Keys.TAB);
        press(Keys.ENTER);
        browser.await("dialog.dialog");
        assertThat(focused()).isEqualTo("Cancel");
        press(Keys.ESCAPE);
        browser.until(d -> browser.all("dialog").isEmpty());
        assertThat(focused()).isEqualTo("Delete Keyboard");
        press(Keys.ENTER);
        browser.await("dialog.dialog");
        press(Keys.TAB);
        assertThat(focused()).isEqualTo("Delete");
        press(Keys.ENTER);
        browser.awaitText(".empty", "No webhooks yet");
        browser.assertNoConsoleErrors();
    }

    private void press(CharSequence... keys) {
        browser.driver().switchTo().activeElement().sendKeys(Keys.chord(keys));
    }

    /** The focused control's accessible name, roughly: its aria-label, its label, or its text. */
    private String focused() {
        return (String) browser.script("const e = document.activeElement;"
                + "const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent)"
                + " || e.textContent || e.name || '';"
                + "return label.trim();");
    }

    private void choose(String select, String option) {
        new Select(browser.find("select[name=" + select + "]")).selectByVisibleText(option);
    }

    private List<String> names() {
        return browser.all("a.webhook-name").stream().map(WebElement::getText).toList();
    }

    private void addHeaderRow(String button, String name, String value) {
        clickButton(button);
        WebElement nameInput = browser.driver().switchTo().activeElement();
        nameInput.sendKeys(name);
        WebElement row = nameInput.findElement(By.xpath("./ancestor::div[contains(@class,'header-row')]"));
        row.findElement(By.cssSelector(".header-value")).sendKeys(value);
    }

    private void clickButton(String text) {
        browser.until(d -> d.findElements(By.xpath("//button[normalize-space()='" + text + "']")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
    }

    private JsonNode webhookNamed(String name) {
        for (JsonNode webhook : api("GET", "/api/v1/webhooks", null).get("data")) {
            if (webhook.get("name").asText().equals(name)) {
                return webhook;
            }
        }
        throw new AssertionError("no webhook named " + name);
    }

    private void publish(String id, String type, String outcome) {
        api("POST", "/api/v1/events", Map.of("specversion", "1.0", "id", id, "source", "com.qlik/engine", "type", type,
                "tenantid", tenant, "data", Map.of("outcome", outcome, "app", "Sales")));
    }

    private void awaitFinalDeliveries(String webhookId, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            JsonNode deliveries = api("GET", "/api/v1/webhooks/" + webhookId + "/deliveries", null).get("data");
            long settled = 0;
            for (JsonNode delivery : deliveries) {
                settled += "pending".equals(delivery.path("state").asText()) ? 0 : 1;
            }
            if (deliveries.size() == expected && settled == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the deliveries did not settle in time");
    }

    private JsonNode api(String method, String path, Object body) {
        Invocation.Builder request = APP.client().target("http://localhost:" + APP.getLocalPort() + path).request()
                .header("Authorization", "Bearer " + token);
        try (Response response = body == null ? request.method(method) : request.method(method, Entity.json(body))) {
            String text = response.readEntity(String.class);
            assertThat(response.getStatus()).as(text).isLessThan(300);
            return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
