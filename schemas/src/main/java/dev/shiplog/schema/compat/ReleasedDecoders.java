package dev.shiplog.schema.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of a record, for Avro's single-object decoders: bytes a service stored with an earlier
 * version (a lane entry's config written before {@code startCommand} existed) carry that version's fingerprint, and
 * decode, read as the current version, once the decoder knows it. The released versions travel in this module's jar
 * ({@code released/<full name>.v<N>.avsc}).
 */
public final class ReleasedDecoders {

    private ReleasedDecoders() {
    }

    /** A schema store holding every released version of {@code current}'s record. */
    public static SchemaStore.Cache releasedVersionsOf(Schema current) {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        ClassLoader loader = ReleasedDecoders.class.getClassLoader();
        for (int version = 1;; version++) {
            try (InputStream in = loader.getResourceAsStream("released/" + current.getFullName() + ".v" + version
                    + ".avsc")) {
                if (in == null) {
                    return cache;
                }
                cache.addSchema(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
