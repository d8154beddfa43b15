package dev.webhooks.adapters.rest.error;

import dev.webhooks.domain.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@code maxBytes} with 413 before they are read into memory: at once when the
 * {@code Content-Length} says so, otherwise as soon as the stream passes the limit. A body that cannot be read at all
 * (it ends before its declared length, or its {@code Content-Encoding: gzip} is not gzip) is the client's fault, so it
 * is a 400 here rather than an I/O failure surfacing as a 500 wherever the body happens to be read.
 */
@PreMatching
@Priority(2)
public final class BodySizeLimit implements ContainerRequestFilter {
    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            request.abortWith(tooLarge());
            return;
        }
        try {
            if (request.hasEntity()) {
                request.setEntityStream(new Bounded(request.getEntityStream()));
            }
        } catch (RuntimeException peekFailed) {
            if (!causedByIo(peekFailed)) {
                throw peekFailed;
            }
            request.abortWith(unreadable());
        }
    }

    private Response tooLarge() {
        return ErrorResponses.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
                "the request body is larger than " + maxBytes + " bytes");
    }

    private static Response unreadable() {
        return ErrorResponses.of(Response.Status.BAD_REQUEST, ErrorCode.INVALID_REQUEST,
                "the request body could not be read: it ended before its declared length or its encoding is invalid");
    }

    /** Jersey and Jetty wrap the I/O failure of peeking at the body in a ProcessingException or RuntimeException. */
    private static boolean causedByIo(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Counts what is read and stops at the limit. */
    private final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            int b = readOrRefuse(() -> super.read());
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = readOrRefuse(() -> super.read(buffer, offset, length));
            count(Math.max(n, 0));
            return n;
        }

        private int readOrRefuse(IoRead read) {
            try {
                return read.read();
            } catch (IOException failed) {
                throw new WebApplicationException(unreadable());
            } catch (RuntimeException failed) {
                if (failed instanceof WebApplicationException || !causedByIo(failed)) {
                    throw failed;
                }
                throw new WebApplicationException(unreadable());
            }
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw new WebApplicationException(tooLarge());
            }
        }
    }

    /** One read of the wrapped stream. */
    @FunctionalInterface
    private interface IoRead {
        int read() throws IOException;
    }
}
