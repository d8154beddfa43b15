package dev.webhooks.bootstrap.ops;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Gives task answers a real status: Dropwizard's task servlet always answers 200 (or 500 for an exception), so this
 * filter buffers the JSON a {@link JsonTask} wrote and answers 400 when it reports an {@code error}.
 */
public final class TaskErrorStatusFilter implements Filter {
    private static final String ERROR_PREFIX = "{\"error\":";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        BufferingResponse buffered = new BufferingResponse(http);
        chain.doFilter(request, buffered);
        String body = buffered.body();
        if (buffered.status == HttpServletResponse.SC_OK && body.startsWith(ERROR_PREFIX)) {
            http.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        http.getWriter().write(body);
    }

    /** Holds the body back so the status can still change. */
    private static final class BufferingResponse extends HttpServletResponseWrapper {
        private final CharArrayWriter buffer = new CharArrayWriter();
        private final PrintWriter writer = new PrintWriter(buffer);
        private int status = SC_OK;

        BufferingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
            super.setStatus(status);
        }

        String body() {
            writer.flush();
            return buffer.toString();
        }
    }
}
