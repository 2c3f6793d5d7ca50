package dev.shiplog.cli.command;

import dev.shiplog.cli.outcome.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code shiplog deploy --dir DIR}: the directory packed as the {@code .tar.gz} the API takes, by the system's
 * {@code tar} (GNU tar, bsdtar and Windows' tar all read these options), without its {@code .git}. Links are kept as
 * links (the platform refuses one that leads out of the sources).
 */
final class SourceDirectory {

    static final long TIMEOUT_SECONDS = 120;

    /** A temporary {@code .tar.gz} of {@code dir}; the caller deletes it. */
    static Path pack(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw CliException.usage("--dir " + dir + " is not a directory");
        }
        try {
            Path archive = Files.createTempFile("shiplog-source-", ".tar.gz");
            // absolute paths: nothing the user typed can start with '-' and be read as an option
            List<String> command = List.of("tar", "-czf", archive.toAbsolutePath().toString(), "--exclude=./.git",
                    "-C", dir.toAbsolutePath().toString(), ".");
            Process tar = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!tar.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                tar.destroyForcibly();
                throw CliException.usage("packing " + dir + " took over " + TIMEOUT_SECONDS + " s");
            }
            if (tar.exitValue() != 0) {
                throw CliException.usage("tar could not pack " + dir + " (exit " + tar.exitValue() + ")");
            }
            return archive;
        } catch (IOException e) {
            throw CliException.usage("cannot pack " + dir + ": " + e.getMessage() + " (is tar installed?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.usage("interrupted while packing " + dir);
        }
    }

    private SourceDirectory() {
    }
}
