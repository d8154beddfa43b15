package dev.webhooks.domain.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.webhook.WebhookSort;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTripsAnyValue() {
        Cursor cursor = new Cursor(Cursor.Direction.PREV, "-name", "名前 with\nnewline", "id-1");
        assertThat(Cursor.decode(cursor.encode(), "-name")).isEqualTo(cursor);
    }

    @Test
    void belongsToItsSort() {
        String token = new Cursor(Cursor.Direction.NEXT, "-createdAt", "1", "a").encode();
        assertThatThrownBy(() -> Cursor.decode(token, "+name")).hasMessageContaining("-createdAt");
    }

    @Test
    void refusesAnythingItDidNotIssue() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            String garbage = random.nextBoolean() ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                    : java.util.Base64.getUrlEncoder().encodeToString(bytes);
            assertThatThrownBy(() -> Cursor.decode(garbage, "-createdAt")).hasMessageContaining("cursor");
        }
    }

    @Test
    void parsesSortsIncludingAnUnencodedPlus() {
        assertThat(WebhookSort.parse(null)).isEqualTo(WebhookSort.DEFAULT);
        assertThat(WebhookSort.parse("name").wireName()).isEqualTo("+name");
        assertThat(WebhookSort.parse(" url").wireName()).isEqualTo("+url");
        assertThat(WebhookSort.parse("-updatedAt").direction()).isEqualTo(SortDirection.DESC);
        assertThatThrownBy(() -> WebhookSort.parse("colour")).hasMessageContaining("'sort'");
    }
}
