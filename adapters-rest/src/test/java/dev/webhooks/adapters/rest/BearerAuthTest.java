package dev.webhooks.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.webhooks.domain.access.Caller;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.slf4j.LoggerFactory;

@ExtendWith(DropwizardExtensionsSupport.class)
class BearerAuthTest {
    static final ApiFixture API = new ApiFixture();
    static final ResourceExtension RESOURCES = API.resources;

    @BeforeEach
    void setUp() {
        API.resetMocks();
        when(API.list.list(any(), any(), any(), any())).thenReturn(ApiFixture.emptyPage());
    }

    private Response call(String authorization) {
        var request = RESOURCES.target("/api/v1/webhooks").request();
        return authorization == null ? request.get() : request.header("Authorization", authorization).get();
    }

    private Response withToken(String token) {
        return call("Bearer " + token);
    }

    private static JWTClaimsSet.Builder valid() {
        return TestTokens.claims("acme", "alice", "TenantAdmin");
    }

    private static void assertUnauthorized(Response response, String detailFragment) {
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
        Map<String, Object> body = ErrorBodies.read(response);
        assertThat(ErrorBodies.code(body)).isEqualTo("UNAUTHORIZED");
        assertThat(ErrorBodies.detail(body)).contains(detailFragment);
        assertThat(body).containsKey("traceId");
    }

    @Test
    void acceptsValidHs256TokenAndPassesTheCaller() {
        assertThat(withToken(API.tokens.hs256(valid())).getStatus()).isEqualTo(200);
        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        Mockito.verify(API.list).list(caller.capture(), any(), any(), any());
        assertThat(caller.getValue()).isEqualTo(new Caller("acme", "alice", Set.of("TenantAdmin")));
    }

    @Test
    void acceptsRs256AndEs256FromTheJwks() {
        assertThat(withToken(API.tokens.rs256(valid())).getStatus()).isEqualTo(200);
        assertThat(withToken(API.tokens.es256(valid())).getStatus()).isEqualTo(200);
    }

    @Test
    void rejectsMissingOrMalformedCredentials() {
        assertUnauthorized(call(null), "missing");
        assertUnauthorized(call("Basic dXNlcjpwYXNz"), "Bearer");
        assertUnauthorized(withToken("not.a.jwt"), "well-formed");
    }

    @Test
    void rejectsAlgNoneAndBadSignatures() {
        assertUnauthorized(withToken(TestTokens.unsigned(valid())), "alg none");
        assertUnauthorized(withToken(API.tokens.hs256WithSecret("another-secret-that-is-long-enough-0123456789", valid())), "signature");
        assertUnauthorized(withToken(API.tokens.rs256WithForeignKey(valid())), "signature");
        String token = API.tokens.hs256(valid());
        assertUnauthorized(withToken(token.substring(0, token.length() - 2) + "xx"), "signature");
    }

    @Test
    void rejectsExpiredOrIncompleteTokens() {
        assertUnauthorized(withToken(API.tokens.hs256(valid().expirationTime(Date.from(Instant.now().minusSeconds(600))))), "expired");
        assertUnauthorized(withToken(API.tokens.hs256(valid().expirationTime(null))), "exp");
        assertUnauthorized(withToken(API.tokens.hs256(valid().subject(null))), "sub");
        assertUnauthorized(withToken(API.tokens.hs256(valid().claim("tenantId", null))), "tenantId");
        assertUnauthorized(withToken(API.tokens.hs256(valid().claim("roles", 42))), "roles");
        assertUnauthorized(withToken(API.tokens.hs256(valid().claim("roles", java.util.Arrays.asList("TenantAdmin", null)))), "roles");
        assertUnauthorized(withToken(API.tokens.hs256(valid().claim("tenantId", 7))), "tenantId");
    }

    @Test
    void rejectsIdsLongerThanTheyCanBeStored() {
        assertUnauthorized(withToken(API.tokens.hs256(valid().claim("tenantId", "t".repeat(256)))), "'tenantId' claim is longer than 255");
        assertUnauthorized(withToken(API.tokens.hs256(valid().subject("u".repeat(256)))), "'sub' claim is longer than 255");
        assertThat(withToken(API.tokens.hs256(valid().claim("tenantId", "t".repeat(255)))).getStatus()).isEqualTo(200);
    }

    @Test
    void rejectsWrongIssuerOrAudience() {
        assertUnauthorized(withToken(API.tokens.hs256(valid().issuer("https://evil.example.com"))), "iss");
        assertUnauthorized(withToken(API.tokens.hs256(valid().audience(List.of("someone-else")))), "aud");
    }

    @Test
    void neverEchoesTheToken() {
        String token = API.tokens.hs256(valid().expirationTime(Date.from(Instant.now().minusSeconds(600))));
        Response response = withToken(token);
        assertThat(response.readEntity(String.class)).doesNotContain(token).doesNotContain(token.split("\\.")[1]);
    }

    @Test
    void protectsUnknownRoutesToo() {
        assertThat(RESOURCES.target("/api/v1/unknown").request().get().getStatus()).isEqualTo(401);
    }

    @Test
    void aRefusedRequestIsTracedLikeAnyOther() {
        Logger requests = (Logger) LoggerFactory.getLogger("dev.webhooks.requests");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = requests.getLevel();
        requests.setLevel(Level.INFO);
        requests.addAppender(lines);
        try {
            Map<String, Object> body = ErrorBodies.read(call(null));

            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("GET /api/v1/webhooks 401").contains("traceId=" + body.get("traceId")));
        } finally {
            requests.detachAppender(lines);
            requests.setLevel(level);
        }
    }
}
