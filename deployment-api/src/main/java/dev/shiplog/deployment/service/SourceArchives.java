package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.PayloadTooLargeException;
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
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Source archives uploaded through the API (a {@code .tar.gz} of the code to build), kept by content address in
 * the source store the pipeline-worker reads (a directory, {@code shiplog.source-dir}; an object store in a
 * cluster). An archive id is the sha256 of its bytes.
 */
@ApplicationScoped
public class SourceArchives {

    public static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    static final byte[] GZIP_MAGIC = { 0x1f, (byte) 0x8b };

    private final Path root;
    private final long maxBytes;
    private final java.time.Duration retention;

    public SourceArchives(DeploymentApiConfig config) {
        this.root = config.sourceDir().toAbsolutePath();
        this.maxBytes = config.maxSourceArchiveBytes();
        this.retention = config.sourceRetention();
    }

    /**
     * Stores the archive read from {@code body} for project {@code projectId}; returns its id. Refuses what is not
     * gzip or too big. An archive belongs to the projects it was uploaded for (a marker {@code owners/<project>/<id>}
     * per project): the same bytes uploaded by two projects are stored once and belong to both, and an id learnt
     * from another project's log is no use to a deployment of this one.
     */
    public String store(String projectId, InputStream body) throws IOException {
        String id = store(body);
        Path owner = owners(projectId).resolve(id);
        Files.createDirectories(owner.getParent());
        if (Files.exists(owner)) {
            Files.setLastModifiedTime(owner, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } else {
            Files.createFile(owner);
        }
        return id;
    }

    private Path owners(String projectId) {
        return root.resolve("owners").resolve(projectId);
    }

    private String store(InputStream body) throws IOException {
        Files.createDirectories(root);
        Path incoming = root.resolve("incoming-" + UUID.randomUUID());
        MessageDigest sha256 = sha256();
        long size = 0;
        byte[] head = new byte[2];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(incoming), sha256)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = body.read(buffer); n > 0; n = body.read(buffer)) {
                if (size < 2) {
                    System.arraycopy(buffer, 0, head, (int) size, (int) Math.min(2 - size, n));
                }
                size += n;
                if (size > maxBytes) {
                    throw new PayloadTooLargeException("a source archive is at most " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(incoming);
            throw e;
        }
        if (size < 2 || head[0] != GZIP_MAGIC[0] || head[1] != GZIP_MAGIC[1]) {
            Files.deleteIfExists(incoming);
            throw new InvalidInputException("body", "must be a gzip-compressed tar archive (.tar.gz)");
        }
        String id = HexFormat.of().formatHex(sha256.digest());
        Path stored = root.resolve(id + ".tar.gz");
        if (Files.exists(stored)) {
            Files.delete(incoming);
            Files.setLastModifiedTime(stored, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } else {
            Files.move(incoming, stored, StandardCopyOption.ATOMIC_MOVE);
        }
        return id;
    }

    /**
     * Uploaded archives are kept for {@code shiplog.source-retention} after their last upload (a deployment builds
     * from one within moments; a later one finds it gone and says so); an upload that never finished is removed
     * after an hour. Hourly, on every instance (removing is idempotent).
     */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "1m")
    public void cleanUp() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        java.time.Instant archives = java.time.Instant.now().minus(retention);
        java.time.Instant incoming = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
        if (Files.isDirectory(root.resolve("owners"))) {
            try (java.util.stream.Stream<Path> markers = Files.walk(root.resolve("owners"), 2)) {
                for (Path marker : markers.filter(Files::isRegularFile).toList()) {
                    if (Files.getLastModifiedTime(marker).toInstant().isBefore(archives)) {
                        Files.deleteIfExists(marker);
                    }
                }
            }
        }
        try (java.util.stream.Stream<Path> files = Files.list(root)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                java.time.Instant modified = Files.getLastModifiedTime(file).toInstant();
                if ((name.endsWith(".tar.gz") && modified.isBefore(archives))
                        || (name.startsWith("incoming-") && modified.isBefore(incoming))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Whether {@code archiveId} is stored and was uploaded for {@code projectId}. */
    public boolean belongsTo(String projectId, String archiveId) {
        return archiveId != null && ID.matcher(archiveId).matches() && projectId != null
                && dev.shiplog.schema.rules.FieldRules.name(projectId) == null
                && Files.isRegularFile(root.resolve(archiveId + ".tar.gz"))
                && Files.isRegularFile(owners(projectId).resolve(archiveId));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
