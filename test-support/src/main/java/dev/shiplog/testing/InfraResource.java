package dev.shiplog.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Gives a {@code @QuarkusTest} the real Kafka broker, Apicurio Registry and PostgreSQL, in this order of preference:
 * <ol>
 * <li>the ones already running (what {@code ./shiplog test} and CI do: {@code ./shiplog up infra});</li>
 * <li>containers, where a Docker engine answers (Testcontainers);</li>
 * <li>for Kafka only, an in-JVM KRaft broker. Registry and database have no in-JVM form: the test stops with a
 * message saying how to start them.</li>
 * </ol>
 */
public class InfraResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(InfraResource.class);
    static final String REGISTRY_IMAGE = "apicurio/apicurio-registry:3.1.7";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:15";

    private static final String SECRET_KEY = randomKey();

    private EmbeddedKafkaBroker embeddedKafka;
    private KafkaContainer kafkaContainer;
    private GenericContainer<?> registryContainer;
    private PostgreSQLContainer postgresContainer;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka());
        // the service under test logs in as Kafka's admin (the ACLs of each service's own user are end-to-end tests')
        Infra.kafkaLogin(config.get("kafka.bootstrap.servers"), "admin").forEach((k, v) -> config.put("kafka." + k, v));
        config.put("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", registry());
        String[] db = database();
        config.put("quarkus.datasource.jdbc.url", db[0]);
        config.put("quarkus.datasource.username", db[1]);
        config.put("quarkus.datasource.password", db[2]);
        // every API call needs a credential: this run's admin token and JWT key (TestAuth), real ones
        config.put("shiplog-auth.admin-token-sha256", TestAuth.adminSha256());
        config.put("mp.jwt.verify.publickey", TestAuth.publicKeyPem());
        config.put("mp.jwt.verify.issuer", TestAuth.ISSUER);
        // secrets are sealed with a key of this run's own, as the platform's are with .shiplog/secrets/secret-keys
        config.put("shiplog-secrets.keys", "t1:" + SECRET_KEY);
        config.put("shiplog-secrets.current", "t1");
        TestAuth.asAdminByDefault();
        TestEvents.configure(config.get("kafka.bootstrap.servers"),
                config.get("mp.messaging.connector.smallrye-kafka.apicurio.registry.url"));
        createTopics(config.get("kafka.bootstrap.servers"));
        return config;
    }

    /**
     * The topics of this module's tests (the platform's names with this run's suffix, schemas' Topics.SUFFIX), as
     * ./shiplog makes the platform's: before the service starts, with three partitions each. The module's topics of
     * earlier runs are deleted: each run starts from empty topics and consumer groups, as it starts from an empty
     * schema ({@code %test.quarkus.flyway.clean-at-start}), so a run is as fast and as independent the hundredth time
     * as the first.
     */
    static void createTopics(String bootstrap) {
        Map<String, Object> admin = new HashMap<>(Infra.kafkaLogin(bootstrap, "admin"));
        admin.put("bootstrap.servers", bootstrap);
        try (org.apache.kafka.clients.admin.Admin kafka = org.apache.kafka.clients.admin.Admin.create(admin)) {
            java.util.Set<String> existing = kafka.listTopics().names().get();
            java.util.List<String> earlier = existing.stream().filter(t -> ofAnEarlierRun(t, dev.shiplog.schema.Topics.SUFFIX)).toList();
            if (!earlier.isEmpty()) {
                kafka.deleteTopics(earlier).all().get();
                LOG.infof("deleted %d topics of this module's earlier test runs", earlier.size());
            }
            java.util.List<org.apache.kafka.clients.admin.NewTopic> missing = dev.shiplog.schema.Topics.ALL.stream()
                    .map(dev.shiplog.schema.Topics.Topic::name).filter(t -> !existing.contains(t))
                    .map(t -> new org.apache.kafka.clients.admin.NewTopic(t, 3, (short) 1)).toList();
            for (var created : kafka.createTopics(missing).values().values()) {
                try {
                    created.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not make the tests' topics on " + bootstrap, e);
        }
    }

    /** A topic of the same module's tests as {@code suffix} ({@code .test-<module>-<run>}) from another run. */
    static boolean ofAnEarlierRun(String topic, String suffix) {
        java.util.regex.Matcher run = java.util.regex.Pattern.compile("(\\.test-[a-z-]+?)(-[0-9]+)?$").matcher(suffix);
        if (suffix.isEmpty() || !run.matches() || topic.contains(suffix + ".") || topic.endsWith(suffix)) {
            return false;
        }
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(run.group(1)) + "(-[0-9]+)?(\\..*)?$")
                .matcher(topic).find();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private String kafka() {
        if (Infra.listening(Infra.KAFKA)) {
            return Infra.KAFKA;
        }
        if (dockerAvailable()) {
            kafkaContainer = new KafkaContainer(KAFKA_IMAGE);
            kafkaContainer.start();
            return kafkaContainer.getBootstrapServers();
        }
        LOG.info("No Kafka at " + Infra.KAFKA + " and no Docker: starting an in-JVM KRaft broker");
        embeddedKafka = new EmbeddedKafkaBroker().withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> p.put("group.initial.rebalance.delay.ms", "0"))
                .start();
        return embeddedKafka.getAdvertisedListeners();
    }

    private String registry() {
        if (Infra.listening(Infra.hostPort(Infra.REGISTRY))) {
            return Infra.REGISTRY;
        }
        if (dockerAvailable()) {
            registryContainer = new GenericContainer<>(REGISTRY_IMAGE).withExposedPorts(8080)
                    .waitingFor(Wait.forHttp("/apis/registry/v3/system/info"));
            registryContainer.start();
            return "http://" + registryContainer.getHost() + ":" + registryContainer.getMappedPort(8080)
                    + "/apis/registry/v3";
        }
        throw new IllegalStateException("No Apicurio Registry at " + Infra.REGISTRY
                + " and no Docker engine. Run the tests with ./shiplog test, or start the infrastructure first with"
                + " ./shiplog up infra");
    }

    private String[] database() {
        if (Infra.listening(Infra.hostPort(Infra.JDBC_URL))) {
            return new String[] { Infra.JDBC_URL, Infra.DB_USER, Infra.DB_PASSWORD };
        }
        if (dockerAvailable()) {
            postgresContainer = new PostgreSQLContainer(POSTGRES_IMAGE);
            postgresContainer.start();
            return new String[] { postgresContainer.getJdbcUrl(), postgresContainer.getUsername(),
                    postgresContainer.getPassword() };
        }
        throw new IllegalStateException("No PostgreSQL at " + Infra.JDBC_URL
                + " and no Docker engine. Run the tests with ./shiplog test, or start the infrastructure first with"
                + " ./shiplog up infra");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void stop() {
        TestEvents.closeShared();
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
        if (kafkaContainer != null) {
            kafkaContainer.stop();
        }
        if (registryContainer != null) {
            registryContainer.stop();
        }
        if (postgresContainer != null) {
            postgresContainer.stop();
        }
    }
}
