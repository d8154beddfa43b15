package dev.webhooks.bootstrap;

import dev.webhooks.adapters.persistence.LongStatements;
import dev.webhooks.application.ops.OutageLog;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The connection pool the service runs on (API requests, delivery loops, health check, gauges) and its Jdbi: the short
 * driver timeouts of {@link DatabaseSettings} (longer for {@link LongStatements}), a failure to hand out a connection
 * as a {@link java.sql.SQLTransientConnectionException}, and every statement the database answers telling the
 * database's {@link OutageLog} that an outage, if one was on, is over.
 */
final class ServingPool extends JdbiFactory {
    private static final String NAME = "database";
    /** An outage ends at the first statement answered this long after the last 503, so a flicker stays one outage. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final DatabaseSettings settings;
    private final OutageLog databaseOutage;

    ServingPool(DatabaseSettings settings, OutageLog databaseOutage) {
        this.settings = settings;
        this.databaseOutage = databaseOutage;
    }

    /** The outage of the database as the API sees it: requests answered 503. */
    static OutageLog databaseOutage(Clock clock) {
        return new OutageLog(NAME, "API requests answered 503", SETTLE, System.getLogger("dev.webhooks.DatabaseOutage"), clock);
    }

    Jdbi build(Environment environment, DataSourceFactory factory) {
        DataSourceFactory serving = settings.forServing(factory);
        return build(environment, serving, new TransientConnectionFailures(serving.build(environment.metrics(), NAME)), NAME);
    }

    @Override
    protected void configure(Jdbi jdbi) {
        super.configure(jdbi);
        jdbi.getConfig(LongStatements.class).setTimeout(settings.longStatementTimeout());
        jdbi.setSqlLogger(new AnsweredStatements(jdbi.getConfig(SqlStatements.class).getSqlLogger(), databaseOutage));
    }

    /** Dropwizard's metering logger, and the outage log told of each statement that completed. */
    private record AnsweredStatements(SqlLogger metered, OutageLog databaseOutage) implements SqlLogger {
        @Override
        public void logBeforeExecution(StatementContext context) {
            metered.logBeforeExecution(context);
        }

        @Override
        public void logAfterExecution(StatementContext context) {
            metered.logAfterExecution(context);
            databaseOutage.succeeded();
        }

        @Override
        public void logException(StatementContext context, SQLException exception) {
            metered.logException(context, exception);
        }
    }
}
