package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.fixtures.WebhookListContract;
import dev.webhooks.domain.port.WebhookRepository;
import java.util.Map;

/** The webhook list's filters, sorts and pages on the real database (embedded MariaDB, or TEST_DATABASE_URL). */
class JdbiWebhookListTest extends WebhookListContract {
    private static final TestDatabase DATABASE = TestDatabase.shared();

    private final JdbiWebhookRepository repository = new JdbiWebhookRepository(DATABASE.jdbi(),
            new AesGcmSecretCipher("k1", Map.of("k1", new byte[32])));

    @Override
    protected WebhookRepository repository() {
        return repository;
    }
}
