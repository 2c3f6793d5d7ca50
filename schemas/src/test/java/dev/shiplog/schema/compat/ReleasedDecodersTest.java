package dev.shiplog.schema.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shiplog.schema.common.DeploymentConfig;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.junit.jupiter.api.Test;

/** Bytes a service stored with an earlier released version still decode, read as the current version. */
class ReleasedDecodersTest {

    @Test
    void aConfigStoredBeforeStartCommandExistedDecodesWithoutOne() throws Exception {
        Schema v1;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("released/dev.shiplog.schema.common.DeploymentConfig.v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v1);
        old.put("buildCommand", "npm run build");
        old.put("environmentVariables", Map.of());
        ByteBuffer stored = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);

        assertThrows(MissingSchemaException.class, () -> DeploymentConfig.fromByteBuffer(stored.duplicate()),
                "the generated decoder alone knows the current version only");
        DeploymentConfig read = DeploymentConfig.createDecoder(
                ReleasedDecoders.releasedVersionsOf(DeploymentConfig.getClassSchema())).decode(stored.duplicate());
        assertEquals("npm run build", read.getBuildCommand());
        assertNull(read.getStartCommand());
    }
}
