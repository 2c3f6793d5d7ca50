package dev.shiplog.pipeline.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much a build wrote: measured while it runs, against its disk limit. */
final class DiskUsage {

    /** What the files under {@code dir} hold (links not followed), in bytes. */
    static long bytesUnder(Path dir) {
        long[] total = { 0 };
        try {
            Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file,
                        java.nio.file.attribute.BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE; // gone while walked, or not ours to read
                }
            });
        } catch (IOException e) {
            // measured as far as it could be
        }
        return total[0];
    }

    private DiskUsage() {
    }
}
