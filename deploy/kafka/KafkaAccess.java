// Who may do what on the local broker: SCRAM users, topics and ACLs, made to match the services' own configuration.
// Run by ./shiplog (deploy/bin/kafka.sh) once the broker is up, as the broker's admin, with the jars of the broker:
//
//   java -cp '.shiplog/kafka/lib/*' deploy/kafka/KafkaAccess.java <bootstrap> <repo root>
//
// Passwords come from the environment (SHIPLOG_KAFKA_<USER>_PASSWORD, e.g. SHIPLOG_KAFKA_ADMIN_PASSWORD), never from
// the command line. The model is read from each service's src/main/resources/application.properties:
//   - a service may WRITE the topics of its outgoing channels and its dead-letter topics (literal names);
//   - it may READ the topics of its incoming channels, in consumer groups named "<service>.<anything>", and those of
//     its outgoing channels (its outbox relay reads, without a group, what it may have written before a crash);
//   - "outside" (another service of yours) may WRITE only shiplog.deployment.commands and READ
//     shiplog.deployment.events (to learn what became of its commands), in groups "outside.<anything>".
// Every topic is made here (no one may create topics by using them). Safe to run again: users are upserted, missing
// topics made, and the ACLs of these users made exactly the model (others removed).
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

public class KafkaAccess {

    static final List<String> SERVICES = List.of("deployment-api", "pipeline-worker", "environment-service",
            "notification-service");
    static final String COMMANDS = "shiplog.deployment.commands";
    static final String EVENTS = "shiplog.deployment.events";

    /** What one user may do. */
    record Grant(String user, Set<String> writes, Set<String> reads) {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path root = Path.of(args[1]);
        List<Grant> model = new ArrayList<>();
        for (String service : SERVICES) {
            model.add(grantOf(service, root.resolve(service).resolve("src/main/resources/application.properties")));
        }
        model.add(new Grant("outside", Set.of(COMMANDS), Set.of(EVENTS)));

        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + "admin\" password=\"" + password("admin") + "\";");
        config.put("request.timeout.ms", "10000");
        config.put("default.api.timeout.ms", "30000");
        try (Admin admin = Admin.create(config)) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (Grant grant : model) {
                users.add(new UserScramCredentialUpsertion(grant.user(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(grant.user())));
            }
            admin.alterUserScramCredentials(users).all().get();

            Set<String> topics = new TreeSet<>();
            model.forEach(g -> {
                topics.addAll(g.writes());
                topics.addAll(g.reads());
            });
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, 3, (short) 1)).toList();
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }

            Set<AclBinding> wanted = new LinkedHashSet<>();
            Set<String> principals = new TreeSet<>();
            for (Grant grant : model) {
                principals.add("User:" + grant.user());
                grant.writes().forEach(t -> wanted.add(allow(grant.user(), ResourceType.TOPIC, t, PatternType.LITERAL,
                        AclOperation.WRITE)));
                grant.reads().forEach(t -> wanted.add(allow(grant.user(), ResourceType.TOPIC, t, PatternType.LITERAL,
                        AclOperation.READ)));
                wanted.add(allow(grant.user(), ResourceType.GROUP, grant.user() + ".", PatternType.PREFIXED,
                        AclOperation.READ));
            }
            Set<AclBinding> have = new LinkedHashSet<>();
            for (AclBinding binding : admin.describeAcls(AclBindingFilter.ANY).values().get()) {
                if (principals.contains(binding.entry().principal())) {
                    have.add(binding);
                }
            }
            List<AclBinding> stale = have.stream().filter(b -> !wanted.contains(b)).toList();
            List<AclBinding> fresh = wanted.stream().filter(b -> !have.contains(b)).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale.stream().map(AclBinding::toFilter).toList()).all().get();
            }
            if (!fresh.isEmpty()) {
                admin.createAcls(fresh).all().get();
            }
            System.out.printf("kafka access: %d users, %d topics (%d made), %d ACLs (%d made, %d removed)%n",
                    model.size(), topics.size(), missing.size(), wanted.size(), fresh.size(), stale.size());
        }
    }

    /** What a service's own configuration says it writes (outgoing channels, dead-letter topics) and reads. */
    static Grant grantOf(String service, Path properties) throws IOException {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            p.load(reader);
        }
        Set<String> writes = new TreeSet<>();
        Set<String> reads = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            // the suffix a module's own tests give their topics and groups is empty on the platform
            String value = p.getProperty(key).replace("${shiplog-topics.suffix:}", "").trim();
            if (key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic")) {
                writes.add(value);
                reads.add(value); // its outbox relay looks for what a relay that died may have written already
            } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics?")) {
                for (String topic : value.split(",")) {
                    reads.add(topic.trim());
                }
            } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic")) {
                writes.add(value);
            } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")
                    && !value.startsWith(service + ".")) {
                throw new IllegalStateException(service + ": consumer group " + value + " must start with " + service
                        + ". (the ACLs allow only those)");
            }
        }
        return new Grant(service, writes, reads);
    }

    static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    static String password(String user) {
        String name = "SHIPLOG_KAFKA_" + user.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
