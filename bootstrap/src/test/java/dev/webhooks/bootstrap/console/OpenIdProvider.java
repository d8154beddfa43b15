package dev.webhooks.bootstrap.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A small OpenID provider on 127.0.0.1 for the console's sign-in test: discovery, JWKS, an authorization endpoint
 * whose page asks one user to approve or deny, and a token endpoint that checks the code, the redirect URI, the
 * client and the PKCE verifier before it issues RS256 tokens with the tenant and role claims the service reads.
 * Requests are parsed and answers built with the nimbus OAuth 2.0 / OpenID Connect SDK.
 */
final class OpenIdProvider implements AutoCloseable {
    /** An approved authorization, waiting for its code to be exchanged. */
    private record Approval(AuthenticationRequest request) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final String clientId;
    private final String user;
    private final String tenant;
    private final Map<String, AuthenticationRequest> pending = new ConcurrentHashMap<>();
    private final Map<String, Approval> codes = new ConcurrentHashMap<>();
    private final List<String> idTokens = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private volatile String redirectUri;

    OpenIdProvider(String clientId, String user, String tenant) {
        this.clientId = clientId;
        this.user = user;
        this.tenant = tenant;
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, 200, "application/json",
                metadata().toJSONObject().toJSONString()));
        server.createContext("/jwks", exchange -> answer(exchange, 200, "application/json",
                new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/decision", this::decide);
        server.createContext("/token", this::token);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwksUrl() {
        return issuer() + "/jwks";
    }

    /** The only redirect URI the console's client is registered with. */
    void registerRedirectUri(String uri) {
        this.redirectUri = uri;
    }

    List<String> idTokens() {
        return idTokens;
    }

    /** Why requests were refused, for a failing test's message. */
    List<String> refusals() {
        return refusals;
    }

    private OIDCProviderMetadata metadata() {
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(new Issuer(issuer()), List.of(SubjectType.PUBLIC),
                URI.create(jwksUrl()));
        metadata.setAuthorizationEndpointURI(URI.create(issuer() + "/authorize"));
        metadata.setTokenEndpointURI(URI.create(issuer() + "/token"));
        metadata.setResponseTypes(List.of(new ResponseType(ResponseType.Value.CODE)));
        metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE));
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.RS256));
        metadata.setTokenEndpointAuthMethods(List.of(ClientAuthenticationMethod.NONE));
        metadata.setScopes(new Scope("openid", "profile"));
        return metadata;
    }

    /** Checks the request and shows the consent page. */
    private void authorize(HttpExchange exchange) throws IOException {
        AuthenticationRequest request;
        try {
            request = AuthenticationRequest.parse(URI.create(issuer() + exchange.getRequestURI()));
        } catch (ParseException e) {
            refuse(exchange, "malformed authentication request: " + e.getMessage());
            return;
        }
        String problem = problemWith(request);
        if (problem != null) {
            refuse(exchange, problem);
            return;
        }
        String id = UUID.randomUUID().toString();
        pending.put(id, request);
        answer(exchange, 200, "text/html; charset=utf-8", "<!doctype html><html lang=en><title>Test IdP</title><link rel=icon href=\"data:,\">"
                + "<h1>Sign in to the webhooks console as " + user + "?</h1>"
                + "<form method=post action=/decision><input type=hidden name=request value=" + id + ">"
                + "<button name=decision value=approve>Approve</button> <button name=decision value=deny>Deny</button>"
                + "</form>");
    }

    private String problemWith(AuthenticationRequest request) {
        if (!clientId.equals(request.getClientID().getValue())) {
            return "unknown client " + request.getClientID();
        }
        if (!request.getRedirectionURI().toString().equals(redirectUri)) {
            return "unregistered redirect URI " + request.getRedirectionURI();
        }
        if (!request.getResponseType().impliesCodeFlow() || request.getResponseType().contains(ResponseType.Value.TOKEN)) {
            return "only the authorization code flow is allowed";
        }
        if (request.getCodeChallenge() == null || !CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
            return "PKCE with S256 is required";
        }
        if (request.getState() == null || request.getNonce() == null) {
            return "state and nonce are required";
        }
        return null;
    }

    /** The user's answer: back to the console with a code, or with access_denied. */
    private void decide(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        AuthenticationRequest request = pending.remove(form.getOrDefault("request", ""));
        if (request == null) {
            refuse(exchange, "no such pending request");
            return;
        }
        URI back;
        if ("approve".equals(form.get("decision"))) {
            AuthorizationCode code = new AuthorizationCode();
            codes.put(code.getValue(), new Approval(request));
            back = new AuthenticationSuccessResponse(request.getRedirectionURI(), code, null, null, request.getState(), null,
                    ResponseMode.QUERY).toURI();
        } else {
            ErrorObject denied = OAuth2Error.ACCESS_DENIED.setDescription("the user denied the sign-in");
            back = new AuthenticationErrorResponse(request.getRedirectionURI(), denied, request.getState(), ResponseMode.QUERY).toURI();
        }
        exchange.getResponseHeaders().add("Location", back.toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** Exchanges a code for tokens, for the client, redirect URI and PKCE verifier it was issued to. */
    private void token(HttpExchange exchange) throws IOException {
        HTTPRequest http = new HTTPRequest(HTTPRequest.Method.POST, URI.create(issuer() + "/token"));
        http.setHeader("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
        http.setBody(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        HTTPResponse response;
        try {
            response = tokens(TokenRequest.parse(http));
        } catch (ParseException e) {
            refusals.add("malformed token request: " + e.getMessage());
            response = new TokenErrorResponse(OAuth2Error.INVALID_REQUEST).toHTTPResponse();
        }
        answer(exchange, response.getStatusCode(), "application/json", response.getBody());
    }

    private HTTPResponse tokens(TokenRequest request) {
        if (!(request.getAuthorizationGrant() instanceof AuthorizationCodeGrant grant)) {
            return tokenError("not an authorization code grant");
        }
        Approval approval = codes.remove(grant.getAuthorizationCode().getValue());
        if (approval == null || request.getClientID() == null || !clientId.equals(request.getClientID().getValue())) {
            return tokenError("unknown code or client");
        }
        if (!approval.request().getRedirectionURI().equals(grant.getRedirectionURI())) {
            return tokenError("the redirect URI differs from the authorization request's");
        }
        if (grant.getCodeVerifier() == null || !approval.request().getCodeChallenge()
                .equals(CodeChallenge.compute(CodeChallengeMethod.S256, grant.getCodeVerifier()))) {
            return tokenError("the PKCE code verifier does not match the challenge");
        }
        try {
            SignedJWT idToken = sign(claims().audience(clientId)
                    .claim("nonce", approval.request().getNonce().getValue()).build());
            SignedJWT accessToken = sign(claims().audience("webhooks-api").build());
            idTokens.add(idToken.serialize());
            return new OIDCTokenResponse(new OIDCTokens(idToken, new BearerAccessToken(accessToken.serialize(), 600, null), null))
                    .toHTTPResponse();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).subject(user)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("tenantId", tenant).claim("roles", List.of("TenantAdmin"));
    }

    private SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    private HTTPResponse tokenError(String why) {
        refusals.add(why);
        return new TokenErrorResponse(OAuth2Error.INVALID_GRANT.setDescription(why)).toHTTPResponse();
    }

    private void refuse(HttpExchange exchange, String why) throws IOException {
        refusals.add(why);
        answer(exchange, 400, "text/plain; charset=utf-8", why);
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).filter(pair -> pair.length == 2)
                .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> decode(pair[1]), (first, second) -> first));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Every answer allows the console's origin to read it: the console fetches discovery and tokens from its page. */
    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
        }
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
