package dev.shiplog.pipeline.service;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where build outputs are kept: immutable, content-addressed artifacts. {@link FilesystemArtifactStore} is the
 * default; an object store (S3 and the like) would implement the same two operations.
 */
public interface ArtifactStore {

    /** A stored artifact: sha256 of its bytes (hex), where it is, how big. */
    record StoredArtifact(String artifactId, String url, long sizeBytes) {
    }

    /** Packs {@code directory} deterministically (same files, same artifact id) and stores it. */
    StoredArtifact put(Path directory) throws IOException;

    /** Unpacks artifact {@code artifactId} into {@code target} (which must not exist yet). */
    void unpack(String artifactId, Path target) throws IOException;
}
