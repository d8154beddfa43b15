package dev.webhooks.bootstrap;

import dev.webhooks.adapters.persistence.AesGcmSecretCipher;
import dev.webhooks.adapters.persistence.JdbiWebhookRepository;
import dev.webhooks.adapters.persistence.SchemaMigration;
import dev.webhooks.adapters.rest.RestApi;
import dev.webhooks.adapters.rest.StrictScalars;
import dev.webhooks.adapters.rest.ratelimit.RateLimitFilter;
import dev.webhooks.adapters.rest.error.BodySizeLimit;
import dev.webhooks.adapters.rest.auth.BearerTokenVerifier;
import dev.webhooks.application.webhook.ListEventTypes;
import dev.webhooks.adapters.delivery.HttpDeliverySender;
import dev.webhooks.adapters.delivery.HttpDeliverySettings;
import dev.webhooks.adapters.delivery.TargetGuard;
import dev.webhooks.adapters.persistence.JdbiDeliveryHistory;
import dev.webhooks.adapters.persistence.JdbiDeliveryQueue;
import dev.webhooks.application.delivery.AttemptDelivery;
import dev.webhooks.application.delivery.GetDelivery;
import dev.webhooks.application.delivery.RecordAttempts;
import dev.webhooks.domain.delivery.DeliveryPolicy;
import dev.webhooks.engine.DeliveryEngine;
import io.dropwizard.servlets.tasks.Task;
import dev.webhooks.application.delivery.ListDeliveries;
import dev.webhooks.application.delivery.RecoverFailedDeliveries;
import dev.webhooks.application.delivery.ResendDelivery;
import dev.webhooks.application.delivery.PurgeDeliveryHistory;
import dev.webhooks.application.ops.OperateWebhook;
import dev.webhooks.application.ops.OutageLog;
import dev.webhooks.application.ops.RedeliverFailed;
import dev.webhooks.application.ops.RotateEncryptionKey;
import dev.webhooks.bootstrap.ops.BacklogHealthCheck;
import dev.webhooks.bootstrap.ops.DispatcherHealthCheck;
import dev.webhooks.bootstrap.ops.Tasks;
import dev.webhooks.bootstrap.ops.TaskErrorStatusFilter;
import dev.webhooks.bootstrap.ops.CircuitGauges;
import dev.webhooks.bootstrap.ops.DeliveryGauges;
import dev.webhooks.bootstrap.ops.AttemptReporting;
import dev.webhooks.bootstrap.ops.MeteredEventLog;
import dev.webhooks.bootstrap.ops.MeteredDeliverySender;
import dev.webhooks.domain.port.DeliverySender;
import dev.webhooks.domain.port.EventLog;
import java.util.List;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import dev.webhooks.application.event.AnnounceWebhookStatus;
import dev.webhooks.application.event.PublishEvent;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.adapters.persistence.GroupCommitEventLog;
import dev.webhooks.adapters.persistence.JdbiEventLog;
import dev.webhooks.application.webhook.CreateWebhook;
import dev.webhooks.application.webhook.DeleteWebhook;
import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.application.webhook.ListWebhooks;
import dev.webhooks.application.webhook.PatchWebhook;
import dev.webhooks.application.webhook.ReplaceWebhook;
import dev.webhooks.domain.port.WebhookRepository;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.migrations.MigrationsBundle;
import java.time.Clock;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The webhooks service: reads the configuration and wires every adapter to the use cases by hand. */
public class WebhooksApplication extends Application<WebhooksConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(WebhooksApplication.class);

    private final DatabaseStarter databaseStarter = new DatabaseStarter();
    private volatile boolean serving;

    public static void main(String[] args) throws Exception {
        WebhooksApplication application = new WebhooksApplication();
        application.run(args);
        application.stopDatabaseUnlessServing();
    }

    /** Commands such as {@code db migrate} end here; the embedded database must not keep the JVM alive after them. */
    void stopDatabaseUnlessServing() {
        if (!serving) {
            databaseStarter.stop();
        }
    }

    @Override
    public String getName() {
        return "webhooks";
    }

    @Override
    public void initialize(Bootstrap<WebhooksConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(WebhooksConfiguration configuration) {
                return configuration.getDatabaseSettings().forMigrations(databaseStarter.resolve(configuration));
            }
        });
        bootstrap.addCommand(new TokenCommand());
    }

    @Override
    public void run(WebhooksConfiguration configuration, Environment environment) throws Exception {
        serving = true;
        warnAboutDevelopmentDefaults(configuration);
        Clock clock = Clock.systemUTC();
        OutageLog databaseOutage = ServingPool.databaseOutage(clock);
        Jdbi jdbi = startDatabase(configuration, environment, databaseOutage);
        DeliverySettings delivery = configuration.getDelivery();
        AesGcmSecretCipher cipher = AesGcmSecretCipher.fromConfig(configuration.getEncryptionKeys());
        WebhookRepository webhooks = new JdbiWebhookRepository(jdbi, cipher);
        JdbiDeliveryQueue queue = new JdbiDeliveryQueue(jdbi, cipher);
        JdbiDeliveryHistory history = new JdbiDeliveryHistory(jdbi);
        DeliveryPolicy policy = delivery.deliveryPolicy();
        HttpDeliverySender http = startHttpSender(configuration, environment);
        DeliverySender sender = new MeteredDeliverySender(http, environment.metrics());
        EventLog storedEvents = new MeteredEventLog(groupCommit(configuration.getIngest(), new JdbiEventLog(jdbi, cipher),
                environment), environment.metrics());
        // The service's own events do not wake the engine (it is built after them): they go out at its next poll.
        AnnounceWebhookStatus announce = new AnnounceWebhookStatus(new PublishEvent(storedEvents, new EventMatcher(), clock,
                configuration.getMaxEventsPerBatch()), clock);
        DeliveryEngine engine = startEngine(delivery, queue, new AttemptDelivery(sender, clock, delivery.attemptTimeout()),
                new RecordAttempts(queue, webhooks, policy, clock, new AttemptReporting(environment.metrics()), announce), clock,
                environment);
        EventLog eventLog = engine.wakingOn(storedEvents);
        PublishEvent publishEvent = new PublishEvent(eventLog, new EventMatcher(), clock, configuration.getMaxEventsPerBatch());
        PurgeDeliveryHistory purge = new PurgeDeliveryHistory(history, clock, 1000);
        environment.lifecycle().manage(new RetentionWorker(purge, delivery.retention(), delivery.purgeInterval()));
        registerOperations(environment, delivery, engine, queue, http, clock, Tasks.all(publishEvent,
                new RedeliverFailed(queue, clock), new OperateWebhook(webhooks, clock, announce), purge, delivery.retention(),
                switchOf(engine), new RotateEncryptionKey(webhooks), cipher.currentKeyId(), clock));
        GetWebhook getWebhook = new GetWebhook(webhooks);
        registerApi(configuration, environment, clock, new RestApi(
                new BearerTokenVerifier(configuration.getAuth().toJwtSettings()),
                new ListWebhooks(webhooks),
                new CreateWebhook(webhooks, configuration.webhookRules(), clock, configuration.getMaxWebhooksPerOwner()),
                getWebhook,
                new ReplaceWebhook(webhooks, configuration.webhookRules(), clock, configuration.getMaxWebhooksPerOwner(),
                        delivery.secretRotationGrace(), announce),
                new PatchWebhook(webhooks, configuration.webhookRules(), clock, configuration.getMaxWebhooksPerOwner(),
                        delivery.secretRotationGrace(), announce),
                new DeleteWebhook(webhooks),
                new ListEventTypes(configuration.eventTypeCatalog()),
                publishEvent,
                new ListDeliveries(getWebhook, history),
                new GetDelivery(getWebhook, history),
                new ResendDelivery(getWebhook, history, sender, policy, clock, delivery.attemptTimeout()),
                new RecoverFailedDeliveries(getWebhook, history, clock, delivery.retention()),
                databaseOutage, clock));
    }

    /**
     * Starts (or connects to) the database, migrates it when configured to, and builds Jdbi on the serving pool, whose
     * failures end in {@code databaseOutage}.
     */
    private Jdbi startDatabase(WebhooksConfiguration configuration, Environment environment, OutageLog databaseOutage)
            throws Exception {
        DataSourceFactory dataSource = databaseStarter.resolve(configuration);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                databaseStarter.stop();
            }
        });
        DatabaseStarter.awaitReachable(dataSource, configuration.getDatabaseSettings().getConnectAttempts());
        if (configuration.getDatabaseSettings().isMigrateOnStart()) {
            SchemaMigration.migrate(configuration.getDatabaseSettings().forMigrations(dataSource), environment.metrics());
        }
        return new ServingPool(configuration.getDatabaseSettings(), databaseOutage).build(environment, dataSource);
    }

    /**
     * Many webhooks may share one receiving host: its connections are limited only by the in-flight limit (the
     * per-webhook limit protects each endpoint), so they never queue behind a smaller pool. Closed after the engine
     * stopped (managed objects stop in reverse order).
     */
    private static HttpDeliverySender startHttpSender(WebhooksConfiguration configuration, Environment environment) {
        DeliverySettings delivery = configuration.getDelivery();
        HttpDeliverySender sender = new HttpDeliverySender(new TargetGuard(configuration.targetPolicy(), delivery.connectTimeout()),
                HttpDeliverySettings.defaults().withConnectTimeout(delivery.connectTimeout())
                        .withMaxConnectionsPerRoute(delivery.getMaxInFlight()), new CircuitGauges(environment.metrics()));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                sender.close();
            }
        });
        return sender;
    }

    /**
     * Publishes waiting for their group at stop are committed before the database goes. The histogram
     * {@code ingest.groupCommit.events} tells how many events each transaction took.
     */
    private static EventLog groupCommit(IngestSettings settings, EventLog eventLog, Environment environment) {
        GroupCommitEventLog groupCommit = settings.groupCommit(eventLog,
                environment.metrics().histogram("ingest.groupCommit.events")::update);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                groupCommit.close();
            }
        });
        return groupCommit;
    }

    /** The engine runs while the server does; at stop it finishes or hands back what it claimed. */
    private static DeliveryEngine startEngine(DeliverySettings settings, JdbiDeliveryQueue queue, AttemptDelivery attempts,
                                              RecordAttempts recordAttempts, Clock clock, Environment environment) {
        DeliveryEngine engine = new DeliveryEngine(settings.engineSettings(), queue, attempts, recordAttempts, clock);
        if (!settings.isEnabled()) {
            LOG.warn("delivery.enabled is false: this instance accepts events but claims no deliveries until resume-delivery");
            engine.pause();
        }
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                engine.start();
            }

            @Override
            public void stop() throws InterruptedException {
                engine.stop();
            }
        });
        return engine;
    }

    private static Tasks.DeliverySwitch switchOf(DeliveryEngine engine) {
        return new Tasks.DeliverySwitch() {
            @Override
            public void pause() {
                engine.pause();
            }

            @Override
            public void resume() {
                engine.resume();
            }

            @Override
            public int inFlight() {
                return engine.inFlight();
            }
        };
    }

    /** Health checks, gauges, Prometheus and the admin tasks on the admin port. */
    private static void registerOperations(Environment environment, DeliverySettings delivery, DeliveryEngine engine,
                                           JdbiDeliveryQueue queue, HttpDeliverySender http, Clock clock, List<Task> tasks) {
        DeliveryGauges.register(environment.metrics(), queue, clock, engine::inFlight, http::circuitStates);
        exposePrometheus(environment);
        environment.healthChecks().register("delivery-backlog", new BacklogHealthCheck(queue, clock, delivery.backlogThreshold()));
        environment.healthChecks().register("delivery-dispatcher", new DispatcherHealthCheck(
                () -> engine.lastRound().orElse(null), engine::isPaused, delivery.pollInterval().multipliedBy(10).plusSeconds(30)));
        tasks.forEach(environment.admin()::addTask);
        environment.admin().addFilter("task-errors", new TaskErrorStatusFilter()).addMappingForUrlPatterns(null, true, "/tasks/*");
    }

    /** The REST API, its rate limits and body limit, and errors in the reference envelope everywhere. */
    private static void registerApi(WebhooksConfiguration configuration, Environment environment, Clock clock, RestApi api) {
        StrictScalars.apply(environment.getObjectMapper());
        api.components().forEach(environment.jersey()::register);
        environment.jersey().register(new RateLimitFilter(configuration.getRateLimits().toRateLimits(), clock));
        environment.jersey().register(new BodySizeLimit(configuration.getMaxRequestBytes()));
        answerHttpErrorsInTheEnvelope(environment);
        configuration.getConsole().serve(environment, configuration.getAuth());
    }

    /** On the application context, and on the server for requests too malformed to reach any context. */
    private static void answerHttpErrorsInTheEnvelope(Environment environment) {
        EnvelopeErrorHandler errors = new EnvelopeErrorHandler();
        environment.getApplicationContext().setErrorHandler(errors);
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(errors);
                }
            }
        });
    }



    private static void exposePrometheus(Environment environment) {
        PrometheusRegistry registry = new PrometheusRegistry();
        // Jersey's "<timer>.total" companions would collide with "<timer>" once Prometheus strips the _total suffix.
        DropwizardExports.builder().dropwizardRegistry(environment.metrics())
                .metricFilter((name, metric) -> !name.endsWith(".total"))
                .register(registry);
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping("/prometheus");
    }


    private static void warnAboutDevelopmentDefaults(WebhooksConfiguration configuration) {
        if (configuration.getAuth().usesDevelopmentSecret()) {
            LOG.warn("auth.hmacSecret is the development default from config.yml: set WEBHOOKS_JWT_SECRET before production use");
        }
        if (configuration.usesDevelopmentEncryptionKey()) {
            LOG.warn("encryptionKeys holds the development key from config.yml: set WEBHOOKS_ENCRYPTION_KEY before production use");
        }
    }
}
