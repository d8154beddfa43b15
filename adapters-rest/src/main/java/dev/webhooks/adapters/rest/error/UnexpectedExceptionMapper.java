package dev.webhooks.adapters.rest.error;

import dev.webhooks.domain.ErrorCode;
import java.net.ConnectException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything no other mapper claims: 503 when the database cannot be reached or asks to try again, otherwise a 500
 * that reveals nothing internal while the log keeps the stack trace under the request's trace id.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        if (isDatabaseUnavailable(exception)) {
            LOG.warn("database unavailable: {}", exception.toString());
            return ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE,
                    "the service's database is unavailable or busy; retry shortly");
        }
        return internalError(exception);
    }

    static Response internalError(Throwable exception) {
        LOG.error("unexpected failure", exception);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR,
                "an unexpected error occurred; quote the traceId when reporting it");
    }

    /**
     * A connection that cannot be made or was lost (the driver's communications failure is a
     * {@link SQLRecoverableException}), or a transaction the database rolled back or timed out
     * ({@link SQLTransientException}): all pass when the database is back, so the caller should retry.
     */
    private static boolean isDatabaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
