package dev.webhooks.adapters.rest.console;

import io.dropwizard.jetty.setup.ServletEnvironment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;

/** The tenants' web console: a client of {@code /api/v1} served at {@code /console/} on the application port. */
public final class Console {
    public static final String PATH = "/console/*";

    private Console() {
    }

    public static void serve(ServletEnvironment servlets, ConsoleConfig config) {
        servlets.addServlet("console", new ConsoleServlet(config)).addMapping(PATH);
        servlets.addFilter("console-security-headers", new ConsoleSecurityHeaders(config.connectOrigins()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), true, PATH);
    }
}
