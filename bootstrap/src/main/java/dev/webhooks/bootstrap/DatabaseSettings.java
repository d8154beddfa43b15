package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/**
 * Where the data lives: an external MySQL 8 / MariaDB 10.6+ when {@code database.url} is set, otherwise an
 * embedded MariaDB whose files stay under {@code dataDirectory} so a restart keeps everything.
 */
public class DatabaseSettings {
    @NotNull
    private String dataDirectory = "./data";

    private boolean migrateOnStart = true;

    @jakarta.validation.constraints.Min(1)
    private int connectAttempts = 30;

    @JsonProperty
    public int getConnectAttempts() {
        return connectAttempts;
    }

    @JsonProperty
    public void setConnectAttempts(int connectAttempts) {
        this.connectAttempts = connectAttempts;
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
}
