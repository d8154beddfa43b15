package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.adapters.rest.console.Console;
import dev.webhooks.adapters.rest.console.ConsoleConfig;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The tenants' web console at {@code /console/} on the application port: on or off, and its OpenID Connect sign-in. */
public class ConsoleSettings {
    private boolean enabled = true;

    @Valid
    @NotNull
    private OidcSettings oidc = new OidcSettings();

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public OidcSettings getOidc() {
        return oidc;
    }

    @JsonProperty
    public void setOidc(OidcSettings oidc) {
        this.oidc = oidc;
    }

    /** Serves the console, unless it is switched off; it shows the user, tenant and roles from the claims {@code auth} names. */
    public void serve(Environment environment, AuthSettings auth) {
        if (enabled) {
            Console.serve(environment.servlets(), new ConsoleConfig(oidc.toClient(),
                    new ConsoleConfig.Claims(auth.getUserIdClaim(), auth.getTenantIdClaim(), auth.getRolesClaim())));
        }
    }
}
