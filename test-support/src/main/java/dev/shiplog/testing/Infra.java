package dev.shiplog.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Where the real infrastructure is. Defaults are the fixed local ports that {@code ./shiplog up} uses; the
 * environment variables override them (for a CI or a cluster of your own).
 */
public final class Infra {

    public static final String KAFKA = env("SHIPLOG_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    public static final String REGISTRY = env("SHIPLOG_REGISTRY_URL", "http://127.0.0.1:8081/apis/registry/v2");
    public static final String JDBC_URL = env("SHIPLOG_JDBC_URL", "jdbc:postgresql://127.0.0.1:15432/shiplog");
    public static final String DB_USER = env("SHIPLOG_DB_USER", "shiplog");
    /** The services' database password: SHIPLOG_DB_PASSWORD, else the one ./shiplog up made. */
    public static final String DB_PASSWORD = env("SHIPLOG_DB_PASSWORD", secret("db-password", "shiplog"));

    /** Kafka's admin user, as ./shiplog made it (tests publish and read as it): null where Kafka takes anyone. */
    public static final String KAFKA_ADMIN_PASSWORD = env("SHIPLOG_KAFKA_ADMIN_PASSWORD",
            secret("kafka-admin-password", null));

    /**
     * How a client logs in to the broker at {@code bootstrap} as {@code user} (the password from .shiplog/secrets):
     * SASL/SCRAM on the broker of ./shiplog up, nothing on another one (a container, an in-JVM broker).
     */
    public static java.util.Map<String, String> kafkaLogin(String bootstrap, String user) {
        String password = "admin".equals(user) ? KAFKA_ADMIN_PASSWORD : secret("kafka-" + user + "-password", null);
        if (!KAFKA.equals(bootstrap) || password == null) {
            return java.util.Map.of("security.protocol", "PLAINTEXT");
        }
        return java.util.Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    /** Whether something accepts TCP connections at {@code host:port}. */
    public static boolean listening(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1).replaceAll("/.*", ""));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** host:port of a URL such as http://127.0.0.1:8081/apis or jdbc:postgresql://127.0.0.1:15432/db. */
    public static String hostPort(String url) {
        String rest = url.substring(url.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** A secret ./shiplog keeps in .shiplog/secrets, or {@code fallback} when there is none. */
    static String secret(String name, String fallback) {
        try {
            return java.nio.file.Files.readString(TestAuth.platformSecrets().resolve(name)).trim();
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private Infra() {
    }
}
