package dev.shiplog.pipeline.service;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.repository.ArtifactEntity;
import dev.shiplog.pipeline.repository.LaneEntry;
import dev.shiplog.pipeline.runtime.Runtime;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.common.StageOutcome;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.HealthCheckCompleted;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.StageCompleted;
import dev.shiplog.schema.deployment.event.StageStarted;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Runs a deployment's stages, build, upload, deploy, verify, on a thread of its own, and writes every step to the
 * log. The environment switches to the new release only after its health check passed on the deployment's own URL
 * (blue-green): a deployment that fails or is cancelled never goes live.
 */
@ApplicationScoped
public class PipelineRunner {

    private static final Logger LOG = Logger.getLogger(PipelineRunner.class);
    static final String ACTOR = Envelopes.service("pipeline-worker");

    private final EventPublisher events;
    private final EventPublisher logs;
    private final ArtifactStore artifacts;
    private final Runtime runtime;
    private final PipelineConfig config;
    private final ExecutorService executor;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, ProcessRunner> running = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    public PipelineRunner(@Channel("pipeline-events-out") MutinyEmitter<SpecificRecord> eventEmitter,
            @Channel("pipeline-logs-out") MutinyEmitter<SpecificRecord> logEmitter, ArtifactStore artifacts,
            Runtime runtime, PipelineConfig config) {
        this.events = new EventPublisher(eventEmitter, config.publishTimeout());
        this.logs = new EventPublisher(logEmitter, config.publishTimeout());
        this.artifacts = artifacts;
        this.runtime = runtime;
        this.config = config;
        this.executor = Executors.newFixedThreadPool(config.concurrentDeployments());
    }

    /** Starts running {@code spec} in the background. */
    public void submit(DeploymentSpec spec) {
        ProcessRunner processes = new ProcessRunner();
        if (running.putIfAbsent(spec.deploymentId(), processes) == null) {
            executor.submit(() -> run(spec, processes));
        }
    }

    /** Cancels a deployment this instance is running; false if it runs elsewhere or not at all. */
    public boolean cancel(String deploymentId) {
        ProcessRunner processes = running.get(deploymentId);
        if (processes == null) {
            return false;
        }
        processes.cancel();
        return true;
    }

    public boolean isRunning(String deploymentId) {
        return running.containsKey(deploymentId);
    }

    private void run(DeploymentSpec spec, ProcessRunner processes) {
        LogSink log = new LogSink(logs, spec.cause(), spec.deploymentId());
        Path workspace = config.workDir().toAbsolutePath().resolve("workspaces").resolve(spec.deploymentId());
        var flusher = timers.scheduleAtFixedRate(() -> flushQuietly(log), LogSink.MAX_DELAY_MS,
                LogSink.MAX_DELAY_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        var heartbeat = timers.scheduleAtFixedRate(() -> beat(spec.deploymentId(), processes), 0,
                config.heartbeat().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        Stage stage = Stage.BUILD;
        try {
            stage = Stage.BUILD;
            started(spec, stage, log);
            long t0 = System.nanoTime();
            if (!build(spec, workspace, processes, log, t0)) {
                return;
            }
            stage = Stage.UPLOAD;
            if (processes.cancelled()) {
                deleteQuietly(workspace);
                emitCancelled(spec, stage);
                return;
            }
            started(spec, stage, log);
            t0 = System.nanoTime();
            ArtifactStore.StoredArtifact artifact = upload(spec, workspace, log, t0);
            deleteQuietly(workspace); // the artifact has what is needed from here on
            if (artifact == null) {
                return;
            }
            stage = Stage.DEPLOY;
            if (cancelledBefore(spec, stage, processes)) {
                return;
            }
            started(spec, stage, log);
            t0 = System.nanoTime();
            String deploymentUrl = runtime.prepare(spec.deploymentId(), artifact.artifactId());
            log.system("release ready at " + deploymentUrl);
            completed(spec, stage, StageOutcome.SUCCEEDED, t0, "release " + artifact.artifactId().substring(0, 12));
            stage = Stage.VERIFY;
            if (cancelledBefore(spec, stage, processes)) {
                return;
            }
            started(spec, stage, log);
            t0 = System.nanoTime();
            if (!verify(spec, deploymentUrl, log, t0)) {
                return;
            }
            if (cancelledBefore(spec, stage, processes)) {
                return;
            }
            String previous = currentRelease(spec);
            String environmentUrl = runtime.activate(spec.projectId(), spec.environment(), spec.deploymentId());
            log.system("live at " + environmentUrl);
            log.flush();
            emit(spec, ReleaseActivated.newBuilder().setEnvelope(envelope(spec)).setDeploymentId(spec.deploymentId())
                    .setProjectId(spec.projectId()).setEnvironment(spec.environment())
                    .setArtifactId(artifact.artifactId()).setReleaseId(spec.deploymentId())
                    .setEnvironmentUrl(environmentUrl).setDeploymentUrl(deploymentUrl)
                    .setPreviousDeploymentId(previous).build());
            emit(spec, DeploymentSucceeded.newBuilder().setEnvelope(envelope(spec))
                    .setDeploymentId(spec.deploymentId()).setProjectId(spec.projectId())
                    .setEnvironment(spec.environment()).setVersion(spec.version()).setDeploymentUrl(deploymentUrl)
                    .setEnvironmentUrl(environmentUrl).setDurationMillis(sinceRequest(spec))
                    .setArtifactId(artifact.artifactId()).build());
        } catch (RuntimeException | IOException | InterruptedException e) {
            LOG.errorf(e, "deployment %s failed in %s", spec.deploymentId(), stage);
            failQuietly(spec, stage, log, "the platform failed during " + stage.name().toLowerCase() + ": " + e);
        } finally {
            flusher.cancel(false);
            heartbeat.cancel(false);
            flushQuietly(log);
            deleteQuietly(workspace);
            running.remove(spec.deploymentId());
        }
    }

    private boolean build(DeploymentSpec spec, Path workspace, ProcessRunner processes, LogSink log, long t0)
            throws IOException, InterruptedException {
        deleteQuietly(workspace);
        Files.createDirectories(workspace);
        Duration budget = spec.timeoutSeconds() != null ? Duration.ofSeconds(spec.timeoutSeconds())
                : config.defaultBuildTimeout();
        Instant deadline = Instant.now().plus(budget);
        Map<String, String> sourceEnv = new HashMap<>();
        String checkout;
        if (spec.archiveId() != null) {
            sourceEnv.put("SHIPLOG_ARCHIVE",
                    config.sourceDir().toAbsolutePath().resolve(spec.archiveId() + ".tar.gz").toString());
            checkout = "tar -xzf \"$SHIPLOG_ARCHIVE\" && echo unpacked source archive " + spec.archiveId();
            log.system("$ tar -xzf " + spec.archiveId() + ".tar.gz");
        } else {
            String ref = spec.gitCommit() != null ? spec.gitCommit() : spec.gitBranch();
            sourceEnv.put("SHIPLOG_GIT_URL", spec.gitUrl());
            sourceEnv.put("SHIPLOG_GIT_REF", ref == null ? "" : ref);
            checkout = "git clone --quiet -- \"$SHIPLOG_GIT_URL\" . && "
                    + "{ [ -z \"$SHIPLOG_GIT_REF\" ] || git -c advice.detachedHead=false checkout --quiet \"$SHIPLOG_GIT_REF\"; }"
                    + " && git log -1 --format='checked out %H %s'";
            log.system("$ git clone " + spec.gitUrl() + (ref == null ? "" : " && git checkout " + ref));
        }
        String[][] steps = { { "checkout", checkout }, { "install", spec.installCommand() },
                { "build", spec.buildCommand() } };
        for (String[] step : steps) {
            if (step[1] == null || step[1].isBlank()) {
                continue;
            }
            if (!step[0].equals("checkout")) {
                log.system("$ " + step[1]);
            }
            Map<String, String> env = step[0].equals("checkout") ? sourceEnv : spec.environmentVariables();
            Duration left = Duration.between(Instant.now(), deadline);
            ProcessRunner.Result result = left.isNegative() ? new ProcessRunner.Result(ProcessRunner.Outcome.TIMED_OUT, -1)
                    : processes.run(step[1], workspace.toFile(), env, left, log::append);
            if (result.outcome() != ProcessRunner.Outcome.EXITED || result.exitCode() != 0) {
                deleteQuietly(workspace); // before reporting: whoever reads the outcome finds it gone
            }
            if (result.outcome() == ProcessRunner.Outcome.CANCELLED && shuttingDown) {
                fail(spec, Stage.BUILD, t0, log, "pipeline-worker stopped during the build");
                return false;
            }
            if (result.outcome() == ProcessRunner.Outcome.CANCELLED) {
                cancelled(spec, Stage.BUILD, t0, log);
                return false;
            }
            if (!result.succeeded()) {
                String why = result.outcome() == ProcessRunner.Outcome.TIMED_OUT
                        ? step[0] + " timed out after " + budget.toSeconds() + " s"
                        : step[0] + " exited with " + result.exitCode();
                log.system(why);
                fail(spec, Stage.BUILD, t0, log, why + "\n--- last output ---\n" + log.tail());
                return false;
            }
        }
        completed(spec, Stage.BUILD, StageOutcome.SUCCEEDED, t0, null);
        return true;
    }

    private ArtifactStore.StoredArtifact upload(DeploymentSpec spec, Path workspace, LogSink log, long t0)
            throws IOException {
        String output = spec.outputDirectory() == null ? "." : spec.outputDirectory();
        Path directory = workspace.resolve(output).normalize();
        if (!directory.startsWith(workspace) || !Files.isDirectory(directory)) {
            fail(spec, Stage.UPLOAD, t0, log, "outputDirectory " + output + " does not exist after the build");
            return null;
        }
        deleteQuietly(directory.resolve(".git"));
        ArtifactStore.StoredArtifact artifact = artifacts.put(directory);
        int version = QuarkusTransaction.requiringNew().call(() -> {
            ArtifactEntity known = ArtifactEntity.findById(new ArtifactEntity.Key(spec.projectId(), artifact.artifactId()));
            if (known != null) {
                return known.version;
            }
            Integer last = ArtifactEntity.find("select max(version) from ArtifactEntity where projectId = ?1",
                    spec.projectId()).project(Integer.class).firstResult();
            ArtifactEntity stored = new ArtifactEntity();
            stored.projectId = spec.projectId();
            stored.artifactId = artifact.artifactId();
            stored.version = last == null ? 1 : last + 1;
            stored.sizeBytes = artifact.sizeBytes();
            stored.createdAt = Instant.now();
            stored.persist();
            return stored.version;
        });
        log.system("artifact " + artifact.artifactId() + " (" + artifact.sizeBytes() + " bytes, version " + version + ")");
        emit(spec, ArtifactStored.newBuilder().setEnvelope(envelope(spec)).setDeploymentId(spec.deploymentId())
                .setProjectId(spec.projectId()).setEnvironment(spec.environment())
                .setArtifactId(artifact.artifactId()).setArtifactUrl(artifact.url()).setSizeBytes(artifact.sizeBytes())
                .setArtifactVersion(version).build());
        completed(spec, Stage.UPLOAD, StageOutcome.SUCCEEDED, t0, null);
        return artifact;
    }

    private boolean verify(DeploymentSpec spec, String deploymentUrl, LogSink log, long t0)
            throws InterruptedException {
        String path = spec.healthCheckPath() == null ? "" : spec.healthCheckPath().replaceFirst("^/", "");
        String url = deploymentUrl + path;
        Instant deadline = Instant.now().plus(config.verifyDeadline());
        int attempts = 0;
        Integer status = null;
        String problem = null;
        do {
            attempts++;
            try {
                status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 400) {
                    problem = null;
                    break;
                }
                problem = "answered " + status;
            } catch (IOException e) {
                problem = e.toString();
            }
            Thread.sleep(Math.min(1000, 100L * attempts)); // pause between probes of the release, not a sync
        } while (Instant.now().isBefore(deadline));
        boolean healthy = problem == null;
        log.system("health check " + url + ": " + (healthy ? "healthy (" + status + ")" : problem)
                + " after " + attempts + " attempt(s)");
        emit(spec, HealthCheckCompleted.newBuilder().setEnvelope(envelope(spec)).setDeploymentId(spec.deploymentId())
                .setProjectId(spec.projectId()).setEnvironment(spec.environment()).setUrl(url).setHealthy(healthy)
                .setAttempts(attempts).setStatusCode(status).setMessage(problem).build());
        if (!healthy) {
            fail(spec, Stage.VERIFY, t0, log, "health check " + url + " failed: " + problem);
            return false;
        }
        completed(spec, Stage.VERIFY, StageOutcome.SUCCEEDED, t0, "healthy");
        return true;
    }

    private boolean cancelledBefore(DeploymentSpec spec, Stage stage, ProcessRunner processes) {
        if (!processes.cancelled()) {
            return false;
        }
        emitCancelled(spec, stage);
        return true;
    }

    private void cancelled(DeploymentSpec spec, Stage stage, long t0, LogSink log) {
        log.system("cancelled");
        completed(spec, stage, StageOutcome.CANCELLED, t0, "cancelled");
        emitCancelled(spec, stage);
    }

    private void emitCancelled(DeploymentSpec spec, Stage stage) {
        String reason = QuarkusTransaction.requiringNew().call(() -> {
            LaneEntry entry = LaneEntry.findById(spec.deploymentId());
            return entry == null ? null : entry.cancelReason;
        });
        emit(spec, DeploymentCancelled.newBuilder().setEnvelope(envelope(spec)).setDeploymentId(spec.deploymentId())
                .setProjectId(spec.projectId()).setEnvironment(spec.environment()).setStage(stage)
                .setReason(reason).build());
    }

    private void fail(DeploymentSpec spec, Stage stage, long t0, LogSink log, String reason) {
        flushQuietly(log);
        completed(spec, stage, StageOutcome.FAILED, t0, reason);
        emit(spec, DeploymentFailed.newBuilder().setEnvelope(envelope(spec)).setDeploymentId(spec.deploymentId())
                .setProjectId(spec.projectId()).setEnvironment(spec.environment()).setStage(stage).setReason(reason)
                .setDurationMillis(sinceRequest(spec)).build());
    }

    private void failQuietly(DeploymentSpec spec, Stage stage, LogSink log, String reason) {
        try {
            fail(spec, stage, System.nanoTime(), log, reason);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not report the failure of %s; the sweeper will", spec.deploymentId());
        }
    }

    private void started(DeploymentSpec spec, Stage stage, LogSink log) {
        log.stage(stage);
        emit(spec, StageStarted.newBuilder().setEnvelope(envelope(spec)).setDeploymentId(spec.deploymentId())
                .setProjectId(spec.projectId()).setEnvironment(spec.environment()).setStage(stage)
                .setWorker(ProcessHandle.current().pid() + "").build());
    }

    private void completed(DeploymentSpec spec, Stage stage, StageOutcome outcome, long t0, String message) {
        emit(spec, StageCompleted.newBuilder().setEnvelope(envelope(spec)).setDeploymentId(spec.deploymentId())
                .setProjectId(spec.projectId()).setEnvironment(spec.environment()).setStage(stage)
                .setOutcome(outcome).setDurationMillis((System.nanoTime() - t0) / 1_000_000).setMessage(message)
                .build());
    }

    private void emit(DeploymentSpec spec, SpecificRecord event) {
        events.publish(Topics.environmentKey(spec.projectId(), spec.environment()), event);
    }

    private static dev.shiplog.schema.common.Envelope envelope(DeploymentSpec spec) {
        return Envelopes.causedBy(spec.cause(), ACTOR);
    }

    private static long sinceRequest(DeploymentSpec spec) {
        return Math.max(0, Duration.between(spec.requestedAt(), Instant.now()).toMillis());
    }

    private String currentRelease(DeploymentSpec spec) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LaneEntry live = LaneEntry.live(spec.projectId(), spec.environment());
            return live == null ? null : live.deploymentId;
        });
    }

    /** Says this worker still runs the deployment; picks up a cancellation asked for on another instance. */
    private void beat(String deploymentId, ProcessRunner processes) {
        try {
            String cancelReason = QuarkusTransaction.requiringNew().call(() -> {
                LaneEntry entry = LaneEntry.findById(deploymentId);
                if (entry == null) {
                    return null;
                }
                entry.heartbeatAt = Instant.now();
                return entry.cancelReason;
            });
            if (cancelReason != null) {
                processes.cancel();
            }
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat of %s failed: %s", deploymentId, e.getMessage());
        }
    }

    private static void flushQuietly(LogSink log) {
        try {
            log.flush();
        } catch (RuntimeException e) {
            LOG.warnf("log chunk not written yet: %s", e.getMessage());
        }
    }

    private static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not remove %s: %s", path, e.getMessage());
        }
    }

    /** Builds do not outlive the worker: their processes are stopped and the deployments reported failed. */
    @PreDestroy
    void stop() {
        shuttingDown = true;
        running.values().forEach(ProcessRunner::cancel);
        executor.shutdownNow();
        timers.shutdownNow();
    }
}
