package dev.webhooks.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.bootstrap.WebhooksConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the service serves the console: its files, configuration and security headers; the API's CORS stays closed. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleServingTest {
    static final DropwizardAppExtension<WebhooksConfiguration> APP = ConsoleApp.create(Map.of(
            "console.oidc.issuer", "https://login.example.com/realms/acme",
            "console.oidc.clientId", "webhooks-console"));
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void servesThePageWithStrictSecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(header(page, "Content-Type")).startsWith("text/html");
        assertThat(header(page, "Content-Security-Policy")).isEqualTo("default-src 'none'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:; connect-src 'self' https://login.example.com; frame-ancestors 'none';"
                + " base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'");
        assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(page, "Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(header(page, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\"></script>");
    }

    @Test
    void servesScriptsAndStylesWithTheirTypesAndRevalidatesThem() throws Exception {
        HttpResponse<String> script = get("/console/js/main.js");
        assertThat(header(script, "Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(header(script, "Cache-Control")).isEqualTo("no-cache");
        assertThat(header(get("/console/console.css"), "Content-Type")).startsWith("text/css");
        assertThat(get("/console/js/main.js", "If-None-Match", header(script, "ETag")).statusCode()).isEqualTo(304);
        HttpResponse<String> bare = get("/console");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(header(bare, "Location")).endsWith("/console/");
    }

    @Test
    void tellsThePageTheProviderAndClaimNames() throws Exception {
        JsonNode config = new ObjectMapper().readTree(get("/console/config.json").body());
        assertThat(config.at("/oidc/issuer").asText()).isEqualTo("https://login.example.com/realms/acme");
        assertThat(config.at("/oidc/clientId").asText()).isEqualTo("webhooks-console");
        assertThat(config.at("/oidc/scopes").asText()).isEqualTo("openid profile");
        assertThat(config.at("/oidc/providerName").asText()).isEqualTo("login.example.com");
        assertThat(config.at("/oidc/token").asText()).isEqualTo("id_token");
        assertThat(config.at("/claims/tenantId").asText()).isEqualTo("tenantId");
        assertThat(config.at("/redirectPath").asText()).isEqualTo("/console/");
    }

    @Test
    void answersUnknownFilesWithTheErrorEnvelope() throws Exception {
        HttpResponse<String> missing = get("/console/js/missing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":\"NOT_FOUND\"");
        assertThat(get("/console/%2e%2e/%2e%2e/config.yml").statusCode()).isBetween(400, 404);
        assertThat(get("/console/js").statusCode()).isEqualTo(404);
        assertThat(get("/console/index.HTML").statusCode()).isEqualTo(404);
    }

    @Test
    void leavesTheApiAsItWas() throws Exception {
        HttpResponse<String> api = get("/api/v1/openapi.json", "Origin", "https://elsewhere.example.com");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(header(api, "Access-Control-Allow-Origin")).isNull();
        assertThat(header(api, "Content-Security-Policy")).isNull();
        HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + "/api/v1/webhooks"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example.com").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build();
        assertThat(header(HTTP.send(preflight, HttpResponse.BodyHandlers.ofString()), "Access-Control-Allow-Origin")).isNull();
        assertThat(get("/api/v1/webhooks").statusCode()).isEqualTo(401);
    }
}
