package dev.webhooks.adapters.rest.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's files use no API that reads a string as HTML or code, and the page has no inline script or style:
 * what a tenant typed can only ever become text, and the Content-Security-Policy needs no exception.
 */
class ConsoleSourcesTest {
    private static final Path CONSOLE = Path.of("src", "main", "resources", "console");

    private static List<Path> files(String extension) throws IOException {
        try (Stream<Path> paths = Files.walk(CONSOLE)) {
            return paths.filter(path -> path.toString().endsWith(extension)).toList();
        }
    }

    @Test
    void scriptsNeverParseStringsAsHtmlOrCode() throws IOException {
        List<Path> scripts = files(".js");
        assertThat(scripts).hasSizeGreaterThan(5);
        for (Path script : scripts) {
            assertThat(Files.readString(script)).as(script.toString())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                            "new Function", "setTimeout('", "setTimeout(\"", "createContextualFragment", "DOMParser",
                            ".style.", "setAttribute('style'", "console.log");
        }
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() throws IOException {
        String page = Files.readString(CONSOLE.resolve("index.html"));
        assertThat(page).containsPattern("<script type=\"module\" src=\"js/main.js\"></script>")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContain("<style", "style=", "onload=", "onclick=", "javascript:", "http://", "https://");
    }

    @Test
    void stylesLoadNothingFromElsewhere() throws IOException {
        for (Path sheet : files(".css")) {
            assertThat(Files.readString(sheet)).as(sheet.toString()).doesNotContain("@import", "url(http", "url(//");
        }
    }
}
