package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.domain.webhook.CidrRange;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.TargetPolicy;
import dev.webhooks.domain.webhook.WebhookRules;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The service's configuration (config.yml); every setting can be overridden with -Ddw.path=value. */
public class WebhooksConfiguration extends Configuration {
    /** The development key shipped in config.yml; the service warns at start while it is in use. */
    public static final String DEVELOPMENT_ENCRYPTION_KEY = "dev:ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE";

    public static final String EMBEDDED = "embedded";

    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    private DatabaseSettings databaseSettings = new DatabaseSettings();

    @Valid
    @NotNull
    private AuthSettings auth = new AuthSettings();

    @NotEmpty
    private String encryptionKeys = DEVELOPMENT_ENCRYPTION_KEY;

    private boolean allowHttp;

    private String allowedTargetCidrs = "";

    @Min(1)
    private int maxWebhooksPerOwner = 150;

    @Valid
    @NotNull
    private List<EventTypeSettings> eventTypes = new ArrayList<>();

    @Min(1)
    private int maxEventsPerBatch = 100;

    @Min(1024)
    private long maxRequestBytes = 1_048_576;

    @JsonProperty
    public long getMaxRequestBytes() {
        return maxRequestBytes;
    }

    @JsonProperty
    public void setMaxRequestBytes(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @Valid
    @NotNull
    private DeliverySettings delivery = new DeliverySettings();

    @Valid
    @NotNull
    private RateLimitSettings rateLimits = new RateLimitSettings();

    @Valid
    @NotNull
    private IngestSettings ingest = new IngestSettings();

    @JsonProperty
    public IngestSettings getIngest() {
        return ingest;
    }

    @JsonProperty
    public void setIngest(IngestSettings ingest) {
        this.ingest = ingest;
    }

    @Valid
    @NotNull
    private ConsoleSettings console = new ConsoleSettings();

    @JsonProperty
    public ConsoleSettings getConsole() {
        return console;
    }

    @JsonProperty
    public void setConsole(ConsoleSettings console) {
        this.console = console;
    }

    @JsonProperty
    public RateLimitSettings getRateLimits() {
        return rateLimits;
    }

    @JsonProperty
    public void setRateLimits(RateLimitSettings rateLimits) {
        this.rateLimits = rateLimits;
    }

    @JsonProperty
    public DeliverySettings getDelivery() {
        return delivery;
    }

    @JsonProperty
    public void setDelivery(DeliverySettings delivery) {
        this.delivery = delivery;
    }

    @JsonProperty
    public int getMaxEventsPerBatch() {
        return maxEventsPerBatch;
    }

    @JsonProperty
    public void setMaxEventsPerBatch(int maxEventsPerBatch) {
        this.maxEventsPerBatch = maxEventsPerBatch;
    }

    @JsonProperty("database")
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty("databaseSettings")
    public DatabaseSettings getDatabaseSettings() {
        return databaseSettings;
    }

    @JsonProperty("databaseSettings")
    public void setDatabaseSettings(DatabaseSettings databaseSettings) {
        this.databaseSettings = databaseSettings;
    }

    @JsonProperty
    public AuthSettings getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthSettings auth) {
        this.auth = auth;
    }

    @JsonProperty
    public String getEncryptionKeys() {
        return encryptionKeys;
    }

    @JsonProperty
    public void setEncryptionKeys(String encryptionKeys) {
        this.encryptionKeys = encryptionKeys;
    }

    @JsonProperty
    public boolean isAllowHttp() {
        return allowHttp;
    }

    @JsonProperty
    public void setAllowHttp(boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    @JsonProperty
    public String getAllowedTargetCidrs() {
        return allowedTargetCidrs;
    }

    @JsonProperty
    public void setAllowedTargetCidrs(String allowedTargetCidrs) {
        this.allowedTargetCidrs = allowedTargetCidrs;
    }

    @JsonProperty
    public int getMaxWebhooksPerOwner() {
        return maxWebhooksPerOwner;
    }

    @JsonProperty
    public void setMaxWebhooksPerOwner(int maxWebhooksPerOwner) {
        this.maxWebhooksPerOwner = maxWebhooksPerOwner;
    }

    @JsonProperty
    public List<EventTypeSettings> getEventTypes() {
        return eventTypes;
    }

    @JsonProperty
    public void setEventTypes(List<EventTypeSettings> eventTypes) {
        this.eventTypes = eventTypes;
    }

    /** The pool waits forever for a free connection at 0, so a stalled database would hold requests instead of failing them. */
    @ValidationMethod(message = "database.maxWaitForConnection must be more than 0s (0s waits forever)")
    @JsonIgnore
    public boolean isConnectionWaitBounded() {
        return database.getMaxWaitForConnection().toMilliseconds() > 0;
    }

    /** The pool checks a connection (a ping) with this timeout in whole seconds; unset or under 1s it waits forever. */
    @ValidationMethod(message = "database.validationQueryTimeout must be set to at least 1s")
    @JsonIgnore
    public boolean isConnectionCheckBounded() {
        return database.getValidationQueryTimeout().map(timeout -> timeout.toSeconds() >= 1).orElse(false);
    }

    @ValidationMethod(message = "database.properties must not set connectTimeout or socketTimeout: set"
            + " databaseSettings.connectTimeout and databaseSettings.socketTimeout instead")
    @JsonIgnore
    public boolean isDriverTimeoutSetOnce() {
        return DatabaseSettings.leavesDriverTimeoutsToUs(database.getProperties());
    }

    public boolean usesDevelopmentEncryptionKey() {
        return encryptionKeys.contains(DEVELOPMENT_ENCRYPTION_KEY);
    }

    /** No URL, or the word {@value #EMBEDDED}, selects the embedded MariaDB. */
    public boolean usesEmbeddedDatabase() {
        return database.getUrl() == null || database.getUrl().isBlank() || EMBEDDED.equals(database.getUrl());
    }

    public TargetPolicy targetPolicy() {
        List<CidrRange> ranges = Arrays.stream(allowedTargetCidrs == null ? new String[0] : allowedTargetCidrs.split(","))
                .map(String::trim)
                .filter(text -> !text.isEmpty())
                .map(CidrRange::parse)
                .toList();
        return new TargetPolicy(allowHttp, ranges);
    }

    public EventTypeCatalog eventTypeCatalog() {
        return EventTypeCatalog.builtIn().extendedWith(eventTypes.stream().map(EventTypeSettings::toEventType).toList());
    }

    /** The rules a webhook definition must meet: the event type catalog and the target URL policy. */
    public WebhookRules webhookRules() {
        return new WebhookRules(eventTypeCatalog(), targetPolicy());
    }
}
