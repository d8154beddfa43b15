package dev.webhooks.adapters.persistence;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The fixed statements on the webhook tables; the list query, which is built per request, lives in the repository. */
interface WebhookDao {
    String COLUMNS = "id, tenant_id, name, description, url, level, owner_id, event_types, filter, headers,"
            + " encrypted_header_names, encrypted_headers, secret, enabled, enable_cloud_event_delivery,"
            + " check_certificate_revocation, origin, created_at, updated_at, created_by_user_id, updated_by_user_id,"
            + " disabled_reason, disabled_reason_code, version, previous_secret, previous_secret_expires_at,"
            + " max_deliveries_per_second, ordered_delivery";

    @SqlUpdate("INSERT INTO webhook_owners (tenant_id, owner_id) VALUES (:tenantId, :ownerId)"
            + " ON DUPLICATE KEY UPDATE owner_id = owner_id")
    void lockOwner(@Bind("tenantId") String tenantId, @Bind("ownerId") String ownerId);

    @SqlQuery("SELECT COUNT(*) FROM webhooks WHERE tenant_id = :tenantId AND owner_id = :ownerId")
    int countOwnedBy(@Bind("tenantId") String tenantId, @Bind("ownerId") String ownerId);

    @SqlUpdate("INSERT INTO webhooks (" + COLUMNS + ") VALUES (:id, :tenant_id, :name, :description, :url, :level,"
            + " :owner_id, :event_types, :filter, :headers, :encrypted_header_names, :encrypted_headers, :secret, :enabled,"
            + " :enable_cloud_event_delivery, :check_certificate_revocation, :origin, :created_at, :updated_at,"
            + " :created_by_user_id, :updated_by_user_id, :disabled_reason, :disabled_reason_code, :version, :previous_secret,"
            + " :previous_secret_expires_at, :max_deliveries_per_second, :ordered_delivery)")
    void insert(@BindMap java.util.Map<String, Object> row);

    @SqlUpdate("UPDATE webhooks SET name = :name, description = :description, url = :url, level = :level,"
            + " owner_id = :owner_id, event_types = :event_types, filter = :filter, headers = :headers,"
            + " encrypted_header_names = :encrypted_header_names, encrypted_headers = :encrypted_headers, secret = :secret,"
            + " enabled = :enabled, enable_cloud_event_delivery = :enable_cloud_event_delivery,"
            + " check_certificate_revocation = :check_certificate_revocation, origin = :origin, updated_at = :updated_at,"
            + " updated_by_user_id = :updated_by_user_id, disabled_reason = :disabled_reason,"
            + " disabled_reason_code = :disabled_reason_code, previous_secret = :previous_secret,"
            + " previous_secret_expires_at = :previous_secret_expires_at,"
            + " max_deliveries_per_second = :max_deliveries_per_second, ordered_delivery = :ordered_delivery,"
            + " version = version + 1"
            + " WHERE id = :id AND tenant_id = :tenant_id AND version = :version")
    int update(@BindMap java.util.Map<String, Object> row);

    @SqlQuery("SELECT owner_id FROM webhooks WHERE id = :id AND tenant_id = :tenantId")
    Optional<String> ownerOf(@Bind("tenantId") String tenantId, @Bind("id") String id);

    @SqlQuery("SELECT enabled FROM webhooks WHERE id = :id AND tenant_id = :tenantId")
    Optional<Boolean> enabledOf(@Bind("tenantId") String tenantId, @Bind("id") String id);

    @SqlUpdate("UPDATE webhook_failure_streaks SET consecutive_failures = 0, failing_since = NULL, version = version + 1"
            + " WHERE webhook_id = :id")
    void endFailureStreak(@Bind("id") String id);

    @SqlUpdate("UPDATE webhooks SET enabled = FALSE, disabled_reason = :reason, disabled_reason_code = :code,"
            + " updated_at = :now, version = version + 1 WHERE id = :id AND enabled = TRUE")
    int disable(@Bind("id") String id, @Bind("code") String code, @Bind("reason") String reason, @Bind("now") String now);

    @SqlUpdate("DELETE FROM webhook_event_types WHERE webhook_id = :id")
    void deleteEventTypes(@Bind("id") String id);

    @SqlBatch("INSERT INTO webhook_event_types (webhook_id, tenant_id, event_type) VALUES (:id, :tenantId, :eventType)")
    void insertEventTypes(@Bind("id") String id, @Bind("tenantId") String tenantId, @Bind("eventType") List<String> eventTypes);

    /** Deletes a webhook's deliveries (the webhook's own delete does not take them along). */
    @SqlUpdate("DELETE FROM deliveries WHERE webhook_id = :id AND tenant_id = :tenantId")
    int deleteDeliveries(@Bind("tenantId") String tenantId, @Bind("id") String id);

    /** Deletes the webhook; its event types and failure streak go by cascade, its deliveries do not (see above). */
    @SqlUpdate("DELETE FROM webhooks WHERE id = :id AND tenant_id = :tenantId")
    int delete(@Bind("tenantId") String tenantId, @Bind("id") String id);
}
