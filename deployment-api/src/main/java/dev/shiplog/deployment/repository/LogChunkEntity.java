package dev.shiplog.deployment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** One chunk of a deployment's log, in the order the pipeline wrote it. Written only by the log projection. */
@Entity
@Table(name = "log_chunk")
@IdClass(LogChunkEntity.Key.class)
public class LogChunkEntity extends PanacheEntityBase {
    @Id
    @Column(name = "deployment_id")
    public String deploymentId;
    @Id
    public long sequence;
    public String stage;
    public String stream;
    /** The text as UTF-8 bytes: a build's output is kept whatever it holds, NUL included. */
    public byte[] content;

    public String text() {
        return new String(content, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Chunks after {@code after} (exclusive; -1 for all), at most {@code limit}. */
    public static List<LogChunkEntity> after(String deploymentId, long after, int limit) {
        return find("deploymentId = ?1 and sequence > ?2 order by sequence", deploymentId, after).page(0, limit).list();
    }

    /** As {@link #after(String, long, int)}, of one stream only ({@code stdout}, {@code runtime}, ...). */
    public static List<LogChunkEntity> after(String deploymentId, long after, int limit, String stream) {
        return find("deploymentId = ?1 and sequence > ?2 and stream = ?3 order by sequence", deploymentId, after,
                stream).page(0, limit).list();
    }

    /** Composite key: deployment and sequence. */
    public static class Key implements Serializable {
        public String deploymentId;
        public long sequence;

        public Key() {
        }

        public Key(String deploymentId, long sequence) {
            this.deploymentId = deploymentId;
            this.sequence = sequence;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.deploymentId.equals(deploymentId) && k.sequence == sequence;
        }

        @Override
        public int hashCode() {
            return Objects.hash(deploymentId, sequence);
        }
    }
}
