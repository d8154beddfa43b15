package dev.webhooks.adapters.rest.error;

import dev.webhooks.domain.ErrorCode;
import java.net.ConnectException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything no other mapper claims: 503 when the database cannot be reached (or kept refusing a transaction for
 * lock conflicts after the persistence adapter's retries), otherwise a 500 that reveals
 * nothing internal while the log keeps the stack trace under the request's trace id.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        if (isDatabaseUnreachable(exception)) {
            LOG.warn("database unreachable: {}", exception.toString());
            return ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE,
                    "the service cannot reach its database; retry shortly");
        }
        return internalError(exception);
    }

    static Response internalError(Throwable exception) {
        LOG.error("unexpected failure", exception);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR,
                "an unexpected error occurred; quote the traceId when reporting it");
    }

    private static boolean isDatabaseUnreachable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLTransactionRollbackException || cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
