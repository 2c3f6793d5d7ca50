package dev.shiplog.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real local git repository for tests to deploy from, made with the git command line. */
public final class TestGitRepo implements AutoCloseable {

    private final Path dir;

    private TestGitRepo(Path dir) {
        this.dir = dir;
    }

    /**
     * Where tests make their repositories: the first of the platform's allowed local roots (SHIPLOG_GIT_LOCAL_ROOTS,
     * default /tmp/shiplog-git), readable by the builds' own user.
     */
    public static final Path ROOT = Path.of(Optional.ofNullable(System.getenv("SHIPLOG_GIT_LOCAL_ROOTS"))
            .filter(s -> !s.isBlank()).map(s -> s.split(",")[0].trim()).orElse("/tmp/shiplog-git"));

    /** A new repository named {@code name} (plus a random suffix) under {@link #ROOT}. */
    public static TestGitRepo create(String name, Map<String, String> files) {
        return create(ROOT.resolve(name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8)), files);
    }

    /** A new repository in {@code dir} with {@code files} (path to content) committed on branch main. */
    public static TestGitRepo create(Path dir, Map<String, String> files) {
        TestGitRepo repo = new TestGitRepo(dir);
        try {
            Files.createDirectories(dir);
            repo.git("init", "--quiet", "--initial-branch=main");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        repo.commit(files, "initial");
        return repo;
    }

    /** Deletes the repository (what a deployment took from it is the platform's own copy by then). */
    @Override
    public void close() {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not delete the test repository " + dir, e);
        }
    }

    /** Writes {@code files} and commits them; returns the new commit's sha. */
    public String commit(Map<String, String> files, String message) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git("add", "-A");
            git("-c", "user.name=Shiplog Test", "-c", "user.email=test@shiplog.invalid", "commit", "--quiet", "-m",
                    message);
            return Files.readString(dir.resolve(".git/refs/heads/main")).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path path() {
        return dir;
    }

    /** The repository as a file:// URL. */
    public String url() {
        return dir.toUri().toString();
    }

    private void git(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
