package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.webhook.DisabledReasonCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README says what the code does where the two could drift apart. */
class ReadmeTest {
    private static final Pattern CODE_ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| (.+) \\|$");

    @Test
    void theDisabledReasonTableIsTheEnum() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String table = readme.substring(readme.indexOf("| code | when |"));
        table = table.substring(0, table.indexOf("\n\n"));
        List<String> rows = CODE_ROW.matcher(table).results().map(row -> row.group(1) + " | " + row.group(2)).toList();

        assertThat(rows).containsExactlyElementsOf(Arrays.stream(DisabledReasonCode.values())
                .map(code -> code.name() + " | " + code.when()).toList());
    }
}
