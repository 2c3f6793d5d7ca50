package dev.shiplog.pipeline.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A distinct artifact of a project, with its per-project version number. */
@Entity
@Table(name = "artifact")
@IdClass(ArtifactEntity.Key.class)
public class ArtifactEntity extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    @Column(name = "artifact_id")
    public String artifactId;
    /** Null only while a replay has read the artifact's deletion and not yet its ArtifactStored. */
    public Integer version;
    @Column(name = "size_bytes")
    public Long sizeBytes;
    @Column(name = "created_at")
    public Instant createdAt;
    /** When its project's retention let it go (ArtifactDeleted); null while it is kept. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Composite key: project and content address. */
    public static class Key implements Serializable {
        public String projectId;
        public String artifactId;

        public Key() {
        }

        public Key(String projectId, String artifactId) {
            this.projectId = projectId;
            this.artifactId = artifactId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.projectId.equals(projectId) && k.artifactId.equals(artifactId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, artifactId);
        }
    }
}
