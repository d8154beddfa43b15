package dev.webhooks.adapters.rest.error;

import dev.webhooks.application.ops.OutageLog;
import dev.webhooks.domain.ErrorCode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything no other mapper claims: 503 when the database cannot be reached, is too slow or asks to try again,
 * otherwise a 500 that reveals nothing internal while the log keeps the stack trace under the request's trace id.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    /** How long a client is asked to wait before retrying while the database is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
    /** SQLSTATE class 08: connection exceptions, whatever exception type the driver chose for them. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** SQLSTATE 70100: the statement was interrupted (KILL QUERY, or the server's max_statement_time ran out). */
    private static final String QUERY_INTERRUPTED = "70100";

    private final OutageLog databaseOutage;

    /** @param databaseOutage told of every 503, so that an outage is logged when it starts and ends, not per request */
    public UnexpectedExceptionMapper(OutageLog databaseOutage) {
        this.databaseOutage = databaseOutage;
    }

    @Override
    public Response toResponse(Throwable exception) {
        Optional<Throwable> unavailable = databaseUnavailability(exception);
        if (unavailable.isPresent()) {
            databaseOutage.failed(unavailable.get());
            return Response.fromResponse(ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE,
                    "the service's database is unavailable or busy; retry shortly"))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        return internalError(exception);
    }

    static Response internalError(Throwable exception) {
        LOG.error("unexpected failure", exception);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR,
                "an unexpected error occurred; quote the traceId when reporting it");
    }

    /**
     * The cause that makes this a database outage rather than a bug: a connection that cannot be made, had or was lost
     * (the driver's communications failure, a socket timeout included, is a {@link SQLRecoverableException}; the
     * bootstrap reports a pool that hands out no connection in time as a
     * {@link java.sql.SQLTransientConnectionException}), a statement timed out or interrupted, or a transaction the
     * database rolled back ({@link SQLTransientException}). All of them pass when the database is back.
     */
    private static Optional<Throwable> databaseUnavailability(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof ConnectException
                    || cause instanceof SQLException sql && isConnectionOrInterruption(sql.getSQLState())) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private static boolean isConnectionOrInterruption(String sqlState) {
        return sqlState != null && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS) || sqlState.equals(QUERY_INTERRUPTED));
    }
}
