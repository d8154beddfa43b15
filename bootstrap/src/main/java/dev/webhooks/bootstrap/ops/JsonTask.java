package dev.webhooks.bootstrap.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.domain.DomainException;
import io.dropwizard.servlets.tasks.PostBodyTask;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admin task that takes query parameters (or a body) and answers JSON saying what it did. Bad input answers
 * {@code {"error": "..."}}, which {@link TaskErrorStatusFilter} turns into a 400.
 */
abstract class JsonTask extends PostBodyTask {
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonTask(String name) {
        super(name);
    }

    @Override
    public Optional<String> getResponseContentType() {
        return Optional.of("application/json");
    }

    @Override
    public void execute(Map<String, List<String>> parameters, String body, PrintWriter output) throws Exception {
        Map<String, Object> answer;
        try {
            answer = run(new TaskParameters(parameters), body);
        } catch (IllegalArgumentException | DomainException e) {
            answer = Map.of("error", e.getMessage());
        }
        output.println(JSON.writeValueAsString(answer));
    }

    abstract Map<String, Object> run(TaskParameters parameters, String body);
}
