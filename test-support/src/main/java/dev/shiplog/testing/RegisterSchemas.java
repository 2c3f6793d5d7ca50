package dev.shiplog.testing;

import dev.shiplog.schema.compat.SchemaCatalog;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Registers every event schema of the catalog in the registry, one after the other, as the serializers would on
 * first use (the same strategy, the same content, the references with them). {@code ./shiplog test} runs it before
 * the four services' modules test side by side: Apicurio Registry 2.4.2 on H2, sent the first schemas by several
 * clients at once, refuses some of them (lock timeouts, a race on its content ids) for longer than the clients
 * retry, and a test's send then fails. Once a schema is there, a client only finds it.
 *
 * <p>A registry that has the catalog already (the same files, byte for byte) is left alone: once every schema is
 * registered, a small marker artifact named by the catalog's digest is added, and a later run that finds it does
 * nothing (a registry's registrations take ~14 s here, one by one).
 *
 * <p>Run: {@code ./shiplog test} does (test-support's {@code register-schemas} profile, {@code -DregisterSchemas});
 * the argument is the catalog's directory, default {@code schemas/src/main/avro}.
 */
public final class RegisterSchemas {

    public static void main(String[] args) {
        Path catalog = Path.of(args.length > 0 ? args[0] : "schemas/src/main/avro");
        URI marker = URI.create(TestEvents.registryUrl() + "/groups/" + MARKER_GROUP + "/artifacts/catalog-"
                + digest(catalog));
        if (send(HttpRequest.newBuilder(marker).GET()) == 200) {
            System.out.printf("the event schemas are registered already at %s (%s)%n", TestEvents.registryUrl(),
                    marker);
            return;
        }
        int registered = 0;
        try (AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(Map.of("apicurio.registry.url", TestEvents.registryUrl(),
                    "apicurio.registry.auto-register", "true",
                    "apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName(),
                    "apicurio.registry.retry-count", "10", "apicurio.registry.retry-backoff-ms", "500"), false);
            for (Schema schema : SchemaCatalog.load(catalog).values()) {
                if (schema.getType() != Schema.Type.RECORD
                        || schema.getNamespace().endsWith("." + SchemaCatalog.IMPORTS)) {
                    continue; // the shared types are registered as the references of the events that use them
                }
                register(serializer, schema.getFullName());
                registered++;
            }
        }
        String id = marker.getPath().substring(marker.getPath().lastIndexOf('/') + 1);
        int created = send(HttpRequest.newBuilder(URI.create(TestEvents.registryUrl() + "/groups/" + MARKER_GROUP
                + "/artifacts")).header("Content-Type", "application/json").header("X-Registry-ArtifactId", id)
                .header("X-Registry-ArtifactType", "JSON")
                .POST(HttpRequest.BodyPublishers.ofString("{\"catalog\": \"" + id + "\"}")));
        System.out.printf("registered %d event schemas (and the types they use) at %s%s%n", registered,
                TestEvents.registryUrl(), created == 200 ? "" : " (the marker was not stored: " + created + ")");
    }

    static final String MARKER_GROUP = "shiplog.schema-registration";

    /** The digest of every file of the catalog, names and contents, in name order. */
    static String digest(Path catalog) {
        try (Stream<Path> files = Files.walk(catalog)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(catalog.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(file));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read the catalog " + catalog, e);
        }
    }

    /** The status of one call to the registry. */
    private static int send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.timeout(java.time.Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("the registry at " + TestEvents.registryUrl() + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Serializes an empty instance of the generated class: the schema is resolved (registered) first, then writing
     * the empty record fails on its first required field, which is expected. A failure of the registry is not.
     */
    private static void register(AvroKafkaSerializer<SpecificRecord> serializer, String className) {
        SpecificRecord empty;
        try {
            empty = (SpecificRecord) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no generated class for schema " + className, e);
        }
        try {
            serializer.serialize("shiplog.schema-registration", empty);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getClass().getName().startsWith("io.apicurio.registry.rest")) {
                    throw new IllegalStateException("the registry refused " + className + ": " + t, e);
                }
            }
        }
    }

    private RegisterSchemas() {
    }
}
