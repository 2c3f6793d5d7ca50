package dev.shiplog.pipeline.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where build outputs are kept: immutable, content-addressed artifacts. {@link FilesystemArtifactStore} is the
 * default; an object store (S3 and the like) would implement the same operations.
 */
public interface ArtifactStore {

    /** A stored artifact: sha256 of its bytes (hex), where it is, how big. */
    record StoredArtifact(String artifactId, String url, long sizeBytes) {
    }

    /**
     * Packs {@code directory} deterministically (same files, same artifact id) and stores it. Links are never
     * followed out of {@code directory}, and no {@code .git} directory is packed; {@code note} hears what was left
     * out and why.
     */
    StoredArtifact put(Path directory, Consumer<String> note) throws IOException;

    /** Unpacks artifact {@code artifactId} into {@code target} (which must not exist yet). */
    void unpack(String artifactId, Path target) throws IOException;

    /** Whether the artifact is (still) in the store. */
    boolean exists(String artifactId);

    /** Whether the artifact is in the store and its bytes still have its sha256 (read through: a full check). */
    boolean intact(String artifactId) throws IOException;

    /** Removes the artifact from the store (retention); nothing if it is not there. */
    void delete(String artifactId) throws IOException;
}
