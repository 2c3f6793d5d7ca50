package dev.shiplog.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Source archives (.tar.gz) for tests, made with the tar command line. */
public final class TestArchives {

    /** A .tar.gz of {@code files} (path to content), written to {@code target}. */
    public static byte[] tarGz(Path workDir, Map<String, String> files) {
        try {
            Path content = Files.createTempDirectory(Files.createDirectories(workDir), "archive-");
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = content.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            Path archive = content.resolveSibling(content.getFileName() + ".tar.gz");
            Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", content.toString(), ".")
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(30, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new IllegalStateException("tar failed: " + output);
            }
            return Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private TestArchives() {
    }
}
