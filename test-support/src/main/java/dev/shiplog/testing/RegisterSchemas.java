package dev.shiplog.testing;

import dev.shiplog.schema.compat.SchemaCatalog;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Registers every event schema of the catalog in the registry, one after the other, as the serializers would on
 * first use (the same strategy, the same content, the references with them). {@code ./shiplog test} runs it before
 * the four services' modules test side by side: Apicurio Registry 2.4.2 on H2, sent the first schemas by several
 * clients at once, refuses some of them (lock timeouts, a race on its content ids) for longer than the clients
 * retry, and a test's send then fails. Once a schema is there, a client only finds it.
 *
 * <p>Run: {@code ./shiplog test} does ({@code register_schemas} in {@code shiplog}); the argument is the catalog's
 * directory, default {@code schemas/src/main/avro}.
 */
public final class RegisterSchemas {

    public static void main(String[] args) {
        Path catalog = Path.of(args.length > 0 ? args[0] : "schemas/src/main/avro");
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
        System.out.printf("registered %d event schemas (and the types they use) at %s%n", registered,
                TestEvents.registryUrl());
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
