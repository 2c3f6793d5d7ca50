package dev.shiplog.pipeline.mapping;

import dev.shiplog.pipeline.domain.Restore;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.EnvironmentSnapshot;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * A deployment request as the lanes keep it: what it restores (if it builds nothing), and its config and
 * snapshot in Avro's single-object encoding (as their generated {@code toByteBuffer} gives them).
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

    public static DeploymentConfig config(byte[] bytes) {
        try {
            return DeploymentConfig.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EnvironmentSnapshot snapshot(byte[] bytes) {
        try {
            return bytes == null ? null : EnvironmentSnapshot.fromByteBuffer(ByteBuffer.wrap(bytes));
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
