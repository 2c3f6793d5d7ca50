package dev.shiplog.pipeline.service.job;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks an uploaded source archive ({@code .tar.gz}) into a workspace, as a hostile archive would not like: every
 * byte written is counted and the unpacking stops past {@code maxBytes} (an archive that expands to gigabytes does
 * not fill the disk), entries are counted, no entry lands outside the workspace ({@code ..}, absolute names, or
 * through a link unpacked before it), links are made but never written through, and devices, fifos and hard links
 * are left out.
 */
public final class SourceArchive {

    /** The archive breaks a limit or a rule: the build fails with this message. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private SourceArchive() {
    }

    /** Unpacks {@code archive} into {@code target} (an existing, empty directory); returns the bytes written. */
    public static long unpack(Path archive, Path target, long maxBytes, int maxEntries, Consumer<String> note)
            throws IOException {
        Path base = target.toRealPath();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
                GzipCompressorInputStream gzip = new GzipCompressorInputStream(in);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (++entries > maxEntries) {
                    throw new Refused("the source archive holds more than " + maxEntries
                            + " entries (the limit: shiplog.max-source-entries)");
                }
                Path out = base.resolve(entry.getName()).normalize();
                if (!out.startsWith(base)) {
                    throw new Refused("the source archive has an entry outside its root: " + entry.getName());
                }
                if (out.equals(base)) {
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (!out.getParent().toRealPath().startsWith(base)) {
                    throw new Refused("the source archive writes through a link: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else if (entry.isFile() && !entry.isLink()) {
                    if (Files.isSymbolicLink(out)) {
                        throw new Refused("the source archive writes through a link: " + entry.getName());
                    }
                    try (OutputStream file = Files.newOutputStream(out)) {
                        for (int n = tar.read(buffer); n > 0; n = tar.read(buffer)) {
                            total += n;
                            if (total > maxBytes) {
                                throw new Refused("the source archive unpacks to more than " + maxBytes
                                        + " bytes (the limit: shiplog.max-source-bytes)");
                            }
                            file.write(buffer, 0, n);
                        }
                    }
                    if ((entry.getMode() & 0100) != 0) {
                        Set<PosixFilePermission> mode = EnumSet.copyOf(
                                Files.getPosixFilePermissions(out, LinkOption.NOFOLLOW_LINKS));
                        mode.add(PosixFilePermission.OWNER_EXECUTE);
                        mode.add(PosixFilePermission.GROUP_EXECUTE);
                        mode.add(PosixFilePermission.OTHERS_EXECUTE);
                        Files.setPosixFilePermissions(out, mode);
                    }
                } else {
                    note.accept("left out " + entry.getName() + ": not a file, directory or symbolic link");
                }
            }
        }
        return total;
    }
}
