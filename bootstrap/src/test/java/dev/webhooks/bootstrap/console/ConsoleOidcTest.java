package dev.webhooks.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.bootstrap.WebhooksConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * "Sign in with ..." end to end: the console runs the authorization code flow with PKCE against an OpenID provider
 * started in this test, and the service accepts the ID token it returns (verified with the provider's JWKS).
 */
@Tag("database-independent") // the same on any database: CI's pass on the external server leaves it out
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleOidcTest {
    static final String TENANT = "console-oidc-" + UUID.randomUUID();
    static final String CLIENT_ID = "webhooks-console";
    static final OpenIdProvider PROVIDER = new OpenIdProvider(CLIENT_ID, "olivia", TENANT);
    static final DropwizardAppExtension<WebhooksConfiguration> APP = ConsoleApp.create(Map.of(
            "auth.jwksUrl", PROVIDER.jwksUrl(),
            "auth.issuer", PROVIDER.issuer(),
            "console.oidc.issuer", PROVIDER.issuer(),
            "console.oidc.clientId", CLIENT_ID,
            "console.oidc.providerName", "Test IdP"));
    static Browser browser;

    @BeforeAll
    static void startBrowser() {
        PROVIDER.registerRedirectUri(ConsoleApp.consoleUrl(APP));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        PROVIDER.close();
        ConsoleApp.forgetTenants("console-oidc-");
    }

    @BeforeEach
    void freshTab() {
        browser.reset(ConsoleApp.consoleUrl(APP));
        browser.open(ConsoleApp.consoleUrl(APP));
    }

    @Test
    void signsInWithTheProviderAndUsesItsToken() {
        browser.awaitText("#sign-in-oidc", "Sign in with Test IdP");
        browser.screenshot("sign-in-oidc", 1280);
        browser.screenshot("sign-in-oidc", 390);
        browser.find("#sign-in-oidc").click();

        browser.awaitText("h1", "Sign in to the webhooks console as olivia?");
        assertThat(browser.driver().getCurrentUrl()).startsWith(PROVIDER.issuer() + "/authorize?")
                .contains("code_challenge_method=S256").contains("nonce=").contains("state=");
        browser.driver().findElement(By.xpath("//button[text()='Approve']")).click();

        browser.awaitText("h1", "Webhooks");
        assertThat(PROVIDER.refusals()).isEmpty();
        browser.awaitText(".empty", "No webhooks yet");
        assertThat(browser.find("#who").getText()).contains("olivia").contains(TENANT);
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(ConsoleApp.consoleUrl(APP));
        assertThat(browser.sessionStorage()).containsExactly(Map.entry("webhooks-console.token", PROVIDER.idTokens().get(0)));
        browser.assertNoConsoleErrors();
    }

    @Test
    void showsTheProvidersRefusal() {
        browser.await("#sign-in-oidc").click();
        browser.awaitText("h1", "olivia?");
        browser.driver().findElement(By.xpath("//button[text()='Deny']")).click();

        String shown = browser.awaitText(".error-box", "Signing in with Test IdP failed").getText();
        assertThat(shown).contains("Test IdP answered: the user denied the sign-in");
        assertThat(browser.find("#access-token").isDisplayed()).isTrue();
        assertThat(browser.sessionStorage()).isEmpty();
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(ConsoleApp.consoleUrl(APP));
        browser.assertNoConsoleErrors();
    }

    @Test
    void refusesAnAnswerToASignInItDidNotStart() {
        browser.open(ConsoleApp.consoleUrl(APP) + "?code=stolen-code&state=forged-state");
        String shown = browser.awaitText(".error-box", "failed").getText();
        assertThat(shown).contains("the answer does not belong to a sign-in started in this tab");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("stolen-code");
        assertThat(browser.sessionStorage()).isEmpty();
        browser.assertNoConsoleErrors();
    }
}
