package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.adapters.persistence.EmbeddedMariaDb;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the data lives (an external MySQL 8 / MariaDB 10.6+ when {@code database.url} is set, otherwise an embedded
 * MariaDB whose files stay under {@code dataDirectory}) and how long the service waits for it: the serving pool's
 * driver timeouts are short, so that a stalled database answers 503 within seconds, and schema migrations get their own.
 */
public class DatabaseSettings {
    /** Connector/J's property names. */
    private static final String CONNECT_TIMEOUT = "connectTimeout";
    private static final String SOCKET_TIMEOUT = "socketTimeout";

    @NotNull
    private String dataDirectory = "./data";

    private boolean migrateOnStart = true;

    @Min(1)
    private int connectAttempts = 30;

    @NotNull
    @MinDataSize(value = 8, unit = DataSizeUnit.MEBIBYTES)
    private DataSize embeddedBufferPool = DataSize.bytes(EmbeddedMariaDb.DEFAULT_BUFFER_POOL_BYTES);

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration connectTimeout = Duration.seconds(2);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
    private Duration socketTimeout = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 24, unit = TimeUnit.HOURS)
    private Duration longStatementTimeout = Duration.minutes(2);

    @NotNull
    @MinDuration(0)
    @MaxDuration(value = 24, unit = TimeUnit.HOURS)
    private Duration migrationSocketTimeout = Duration.seconds(0);

    /**
     * The serving pool's connections wait {@code socketTimeout} for any answer of the database (the login included),
     * and at most {@code connectTimeout} to open; the factory's next {@code build} uses them.
     */
    DataSourceFactory forServing(DataSourceFactory factory) {
        return withDriverTimeouts(factory, socketTimeout);
    }

    /** Schema migrations wait {@code migrationSocketTimeout} (0: as long as it takes), since one may rebuild a big table. */
    DataSourceFactory forMigrations(DataSourceFactory factory) {
        return withDriverTimeouts(factory, migrationSocketTimeout);
    }

    private DataSourceFactory withDriverTimeouts(DataSourceFactory factory, Duration socket) {
        Map<String, String> properties = new LinkedHashMap<>(factory.getProperties());
        properties.put(CONNECT_TIMEOUT, String.valueOf(connectTimeout.toMilliseconds()));
        properties.put(SOCKET_TIMEOUT, String.valueOf(socket.toMilliseconds()));
        factory.setProperties(properties);
        return factory;
    }

    /** The driver's timeouts are set here only, so that the serving pool and migrations can differ. */
    static boolean leavesDriverTimeoutsToUs(Map<String, String> properties) {
        return !properties.containsKey(CONNECT_TIMEOUT) && !properties.containsKey(SOCKET_TIMEOUT);
    }

    @ValidationMethod(message = "databaseSettings.longStatementTimeout must be at least databaseSettings.socketTimeout")
    @JsonIgnore
    public boolean isLongStatementTimeoutLongEnough() {
        return longStatementTimeout.toJavaDuration().compareTo(socketTimeout.toJavaDuration()) >= 0;
    }

    public java.time.Duration longStatementTimeout() {
        return longStatementTimeout.toJavaDuration();
    }

    public java.time.Duration socketTimeout() {
        return socketTimeout.toJavaDuration();
    }

    @JsonProperty
    public int getConnectAttempts() {
        return connectAttempts;
    }

    @JsonProperty
    public void setConnectAttempts(int connectAttempts) {
        this.connectAttempts = connectAttempts;
    }

    @JsonProperty
    public DataSize getEmbeddedBufferPool() {
        return embeddedBufferPool;
    }

    @JsonProperty
    public void setEmbeddedBufferPool(DataSize embeddedBufferPool) {
        this.embeddedBufferPool = embeddedBufferPool;
    }

    @JsonProperty
    public String getDataDirectory() {
        return dataDirectory;
    }

    @JsonProperty
    public void setDataDirectory(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @JsonProperty
    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    @JsonProperty
    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public void setSocketTimeout(Duration socketTimeout) {
        this.socketTimeout = socketTimeout;
    }

    @JsonProperty
    public void setLongStatementTimeout(Duration longStatementTimeout) {
        this.longStatementTimeout = longStatementTimeout;
    }

    @JsonProperty
    public void setMigrationSocketTimeout(Duration migrationSocketTimeout) {
        this.migrationSocketTimeout = migrationSocketTimeout;
    }
}
