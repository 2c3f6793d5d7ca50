package dev.shiplog.pipeline.artifact;

import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
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
    public StoredArtifact put(Path directory, Consumer<String> note) throws IOException {
        Files.createDirectories(root);
        Path base = directory.toRealPath();
        TreeMap<String, Path> files = files(base, note);
        Path temporary = root.resolve("incoming-" + UUID.randomUUID() + ".zip");
        MessageDigest sha256 = sha256();
        try (OutputStream file = Files.newOutputStream(temporary);
                ZipOutputStream zip = new ZipOutputStream(new DigestOutputStream(file, sha256))) {
            for (var entry : files.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTime(0);
                zip.putNextEntry(zipEntry);
                Files.copy(entry.getValue(), zip);
                zip.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
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

    /**
     * The files to pack, by their name in the artifact. Links are not followed: a link to a file inside the
     * directory is packed as a copy of that file; any other link (out of the directory, to a directory, dangling)
     * is left out and noted. {@code .git} directories are never packed.
     */
    static TreeMap<String, Path> files(Path base, Consumer<String> note) throws IOException {
        TreeMap<String, Path> out = new TreeMap<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(base)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = base.relativize(file).toString().replace('\\', '/');
                if (attrs.isRegularFile()) {
                    out.put(name, file);
                } else if (attrs.isSymbolicLink()) {
                    Path target = Files.readSymbolicLink(file);
                    Path real = null;
                    try {
                        real = file.toRealPath();
                    } catch (IOException dangling) {
                        // left out below
                    }
                    if (real != null && real.startsWith(base) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                        out.put(name, real);
                    } else {
                        note.accept("left out " + FieldRules.storable(name) + " -> " + FieldRules.storable(
                                target.toString()) + ": a link is packed only when it names a file inside the output"
                                + " directory");
                    }
                } else {
                    note.accept("left out " + FieldRules.storable(name) + ": not a regular file");
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    @Override
    public void unpack(String artifactId, Path target) throws IOException {
        Path source = root.resolve(artifactId + ".zip");
        Files.createDirectories(target);
        Path base = target.toRealPath();
        try (InputStream in = Files.newInputStream(source); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path out = base.resolve(entry.getName()).normalize();
                if (!out.startsWith(base) || out.equals(base)) {
                    throw new IOException("artifact " + artifactId + " has an entry outside its root: " + entry.getName());
                }
                Files.createDirectories(out.getParent());
                Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public boolean exists(String artifactId) {
        return FieldRules.SHA256.matcher(artifactId).matches() && Files.isRegularFile(root.resolve(artifactId + ".zip"));
    }

    @Override
    public boolean intact(String artifactId) throws IOException {
        if (!exists(artifactId)) {
            return false;
        }
        MessageDigest sha256 = sha256();
        try (InputStream in = Files.newInputStream(root.resolve(artifactId + ".zip"))) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha256.digest()).equals(artifactId);
    }

    @Override
    public void delete(String artifactId) throws IOException {
        if (FieldRules.SHA256.matcher(artifactId).matches()) {
            Files.deleteIfExists(root.resolve(artifactId + ".zip"));
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
