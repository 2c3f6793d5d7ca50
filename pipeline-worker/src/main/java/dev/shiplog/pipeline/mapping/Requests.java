package dev.shiplog.pipeline.mapping;

import dev.shiplog.pipeline.domain.Restore;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.EnvironmentSnapshot;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import dev.shiplog.schema.compat.ReleasedDecoders;

/**
 * A deployment request as the lanes keep it: what it restores (if it builds nothing), and its config and
 * snapshot in Avro's single-object encoding (as their generated {@code toByteBuffer} gives them), read back whichever
 * released version wrote them.
 */
public final class Requests {

    /** What the request restores, if it builds nothing (a rollback, a promotion); null otherwise. */
    public static Restore restore(DeploymentRequested e) {
        if (e.getRollback() != null) {
            return Restore.rollback(e.getRollback().getTargetDeploymentId(),
                    e.getRollback().getReplacedDeploymentId(), e.getRollback().getReason(),
                    e.getRollback().getAutomatic());
        }
        return e.getPromotedFrom() == null ? null : Restore.promotion(e.getPromotedFrom());
    }

    public static byte[] encode(DeploymentConfig config) {
        return bytes(config::toByteBuffer);
    }

    public static byte[] encode(EnvironmentSnapshot snapshot) {
        return snapshot == null ? null : bytes(snapshot::toByteBuffer);
    }

    /** Decodes bytes written with any released version of DeploymentConfig, read as the current one. */
    private static final BinaryMessageDecoder<DeploymentConfig> CONFIGS = DeploymentConfig.createDecoder(
            ReleasedDecoders.releasedVersionsOf(DeploymentConfig.getClassSchema()));
    private static final BinaryMessageDecoder<EnvironmentSnapshot> SNAPSHOTS = EnvironmentSnapshot.createDecoder(
            ReleasedDecoders.releasedVersionsOf(EnvironmentSnapshot.getClassSchema()));

    public static DeploymentConfig config(byte[] bytes) {
        try {
            return CONFIGS.decode(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EnvironmentSnapshot snapshot(byte[] bytes) {
        try {
            return bytes == null ? null : SNAPSHOTS.decode(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Encoding {
        ByteBuffer get() throws IOException;
    }

    private static byte[] bytes(Encoding encoding) {
        try {
            ByteBuffer buffer = encoding.get();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Requests() {
    }
}
