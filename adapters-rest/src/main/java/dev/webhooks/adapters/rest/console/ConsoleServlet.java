package dev.webhooks.adapters.rest.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dropwizard.jackson.Jackson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the console at {@code /console/}: its static files from the classpath folder {@code console/}, and
 * {@code config.json} from the configuration. Files are revalidated on every use (ETag), so a new version of the
 * service is picked up at once.
 */
public final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String CONFIG = "config.json";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");
    /** Lower-case names with an extension, in folders; no dot segments, nothing to escape. */
    private static final Pattern FILE = Pattern.compile("(?:[a-z0-9_-]+/)*[a-z0-9_-]+\\.[a-z0-9]+");

    private final transient Map<String, Asset> assets = new ConcurrentHashMap<>();

    public ConsoleServlet(ConsoleConfig config) {
        assets.put(CONFIG, new Asset(json(config), TYPES.get("json")));
    }

    /** One file's bytes, media type and strong ETag. */
    private record Asset(byte[] bytes, String type, String etag) {
        Asset(byte[] bytes, String type) {
            this(bytes, type, '"' + digest(bytes) + '"');
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect(request.getRequestURI() + "/");
            return;
        }
        Optional<Asset> asset = find(path.equals("/") ? "index.html" : path.substring(1));
        if (asset.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", asset.get().etag());
        if (asset.get().etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.get().type());
        response.setContentLength(asset.get().bytes().length);
        response.getOutputStream().write(asset.get().bytes());
    }

    private Optional<Asset> find(String name) {
        if (!FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        Asset cached = assets.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        return type == null ? Optional.empty() : load(name, type);
    }

    private Optional<Asset> load(String name, String type) {
        try (InputStream in = ConsoleServlet.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            Asset asset = new Asset(in.readAllBytes(), type);
            assets.put(name, asset);
            return Optional.of(asset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(ConsoleConfig config) {
        try {
            return Jackson.newObjectMapper().writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the console's configuration", e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
