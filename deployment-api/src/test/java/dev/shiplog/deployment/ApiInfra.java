package dev.shiplog.deployment;

import dev.shiplog.testing.InfraResource;
import java.util.Map;

/**
 * The one test resource of every {@code @QuarkusTest} of this module (so they share one Quarkus start): the real
 * broker, registry and database ({@link InfraResource}), and stand-ins for the services behind the gateway
 * ({@link FakeUpstreams}); the pipeline-worker is away (a port nothing listens on).
 */
public class ApiInfra extends InfraResource {

    public static final String ENVIRONMENTS = "environment-service";
    public static final String NOTIFICATIONS = "notification-service";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        config.put("shiplog.gateway.environment-service", FakeUpstreams.start(ENVIRONMENTS));
        config.put("shiplog.gateway.notification-service", FakeUpstreams.start(NOTIFICATIONS));
        config.put("shiplog.gateway.pipeline-worker", "http://127.0.0.1:9");
        return config;
    }

    @Override
    public void stop() {
        FakeUpstreams.stopAll();
        super.stop();
    }
}
