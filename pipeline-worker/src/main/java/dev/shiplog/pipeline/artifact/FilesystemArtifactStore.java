package dev.shiplog.pipeline.service;

import dev.shiplog.pipeline.config.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Artifacts as zip files named by their sha256 under {@code <work-dir>/artifacts}. Entries are sorted and carry no
 * timestamps, so the same output always gives the same artifact id. A stored artifact is never rewritten.
 */
@ApplicationScoped
public class FilesystemArtifactStore implements ArtifactStore {

    private final Path root;

    public FilesystemArtifactStore(PipelineConfig config) {
        this.root = config.workDir().toAbsolutePath().resolve("artifacts");
    }

    @Override
    public StoredArtifact put(Path directory) throws IOException {
        Files.createDirectories(root);
        Path temporary = root.resolve("incoming-" + UUID.randomUUID() + ".zip");
        MessageDigest sha256 = sha256();
        try (OutputStream file = Files.newOutputStream(temporary);
                ZipOutputStream zip = new ZipOutputStream(new DigestOutputStream(file, sha256))) {
            for (Path path : files(directory)) {
                ZipEntry entry = new ZipEntry(directory.relativize(path).toString().replace('\\', '/'));
                entry.setTime(0);
                zip.putNextEntry(entry);
                Files.copy(path, zip);
                zip.closeEntry();
            }
        }
        String id = HexFormat.of().formatHex(sha256.digest());
        Path stored = root.resolve(id + ".zip");
        if (Files.exists(stored)) {
            Files.delete(temporary); // content-addressed: the same artifact is already there
        } else {
            Files.move(temporary, stored, StandardCopyOption.ATOMIC_MOVE);
        }
        return new StoredArtifact(id, stored.toUri().toString(), Files.size(stored));
    }

    @Override
    public void unpack(String artifactId, Path target) throws IOException {
        Path source = root.resolve(artifactId + ".zip");
        Files.createDirectories(target);
        Path base = target.toRealPath();
        try (InputStream in = Files.newInputStream(source); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path out = base.resolve(entry.getName()).normalize();
                if (!out.startsWith(base)) {
                    throw new IOException("artifact " + artifactId + " has an entry outside its root: " + entry.getName());
                }
                Files.createDirectories(out.getParent());
                Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
