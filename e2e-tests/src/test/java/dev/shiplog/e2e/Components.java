package dev.shiplog.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The components of {@code ./shiplog up}, killed, stopped and started the way an operator (or a crash) does. */
final class Components {

    /** Every component, the order a chaos run kills them in. */
    static final List<String> ALL = List.of("pipeline-worker", "deployment-api", "environment-service",
            "notification-service", "kafka", "postgres", "registry");

    /** The checkout: the e2e tests run in e2e-tests/. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    static long pid(String component) {
        try {
            return Long.parseLong(Files.readString(ROOT.resolve(".shiplog/run/" + component + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(component + " is not running (no pid file)", e);
        }
    }

    /** kill -9, as a crash: PostgreSQL's postmaster and its backends alike. */
    static void kill9(String component) {
        long pid = pid(component);
        ProcessHandle.of(pid).ifPresent(process -> {
            if (component.equals("postgres")) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
            }
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    /** {@code ./shiplog up <component>...}: starts them (together) and waits until they are healthy. */
    static void up(String... components) {
        shiplog(Duration.ofMinutes(3), prepend("up", components));
    }

    /**
     * {@code ./shiplog up <component>} with {@code environment} added to what the component gets (a fault hook:
     * service-kit's {@code FaultHooks}). Returns once it is started, healthy or not: a hook may stop it first.
     */
    static void upWith(String component, Map<String, String> environment) {
        shiplog(Duration.ofMinutes(3), environment, true, "up", component);
    }

    /** {@code ./shiplog up <component>} started now, finishing (healthy, or failed) later. */
    static CompletableFuture<Void> upLater(String component) {
        return CompletableFuture.runAsync(() -> up(component));
    }

    /** The component's log since its last start ({@code .shiplog/logs/<component>.log}: each start rotates it). */
    static String log(String component) {
        try {
            return Files.readString(ROOT.resolve(".shiplog/logs/" + component + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** The four services, not the infrastructure they use. */
    static final String[] SERVICES = { "deployment-api", "pipeline-worker", "environment-service",
            "notification-service" };

    /** {@code ./shiplog down} of the four services: an orderly stop of each. */
    static void downServices() {
        shiplog(Duration.ofMinutes(2), prepend("down", SERVICES));
    }

    /** {@code ./shiplog up} of the four services, and waits until all are healthy. */
    static void upServices() {
        shiplog(Duration.ofMinutes(3), prepend("up", SERVICES));
    }

    private static String[] prepend(String command, String[] targets) {
        String[] out = new String[targets.length + 1];
        out[0] = command;
        System.arraycopy(targets, 0, out, 1, targets.length);
        return out;
    }

    /** {@code ./shiplog down <component>}: an orderly stop. */
    static void down(String component) {
        shiplog(Duration.ofMinutes(1), "down", component);
    }

    private static void shiplog(Duration timeout, String... args) {
        shiplog(timeout, Map.of(), false, args);
    }

    private static void shiplog(Duration timeout, Map<String, String> environment, boolean mayFail,
            String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("shiplog").toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(ROOT.resolve("e2e-tests/target/shiplog-calls.log")
                            .toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!ended || (process.exitValue() != 0 && !mayFail)) {
                process.destroyForcibly();
                throw new IllegalStateException("./shiplog " + String.join(" ", args) + " failed; see"
                        + " e2e-tests/target/shiplog-calls.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Components() {
    }
}
