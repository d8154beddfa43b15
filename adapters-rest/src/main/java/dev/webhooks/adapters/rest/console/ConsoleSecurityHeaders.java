package dev.webhooks.adapters.rest.console;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The console's security headers: a Content-Security-Policy that allows only the console's own files (no inline
 * script or style, no eval, no framing, no form submissions, Trusted Types so no string can become HTML), and that
 * lets the page reach only the service and the OpenID provider; no MIME sniffing; no referrer, so the
 * authorization code of a sign-in never travels in a Referer header.
 */
public final class ConsoleSecurityHeaders implements Filter {
    private final String policy;

    public ConsoleSecurityHeaders(List<String> connectOrigins) {
        this.policy = policy(connectOrigins);
    }

    static String policy(List<String> connectOrigins) {
        String connect = String.join(" ", "'self'", String.join(" ", connectOrigins)).trim();
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src " + connect,
                "frame-ancestors 'none'",
                "base-uri 'none'",
                "form-action 'none'",
                "require-trusted-types-for 'script'",
                "trusted-types 'none'");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("Content-Security-Policy", policy);
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("Referrer-Policy", "no-referrer");
        http.setHeader("X-Frame-Options", "DENY");
        http.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        http.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        http.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        chain.doFilter(request, response);
    }
}
