package dev.shiplog.pipeline.service.job;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.kit.outbox.OutboxRelay;
import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.kit.secrets.SecretUnavailableException;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.pipeline.messaging.outgoing.DeploymentLogsLog;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.pipeline.sandbox.BuildCgroups;
import dev.shiplog.pipeline.sandbox.BuildSandbox;
import dev.shiplog.pipeline.sandbox.ProcessRunner;
import dev.shiplog.pipeline.sandbox.Sessions;
import dev.shiplog.pipeline.service.instance.WorkerIdentity;
import dev.shiplog.schema.common.Envelope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs deployments on this instance, each as a {@link Job} on a thread of its own (at most
 * {@code shiplog.concurrent-deployments} at a time). A run holds a lease on its deployment (this instance, this
 * attempt) and checks it every heartbeat: a cancel stops it, another attempt holding it now fences it off silently.
 * An unavailable log or database is ridden out until the outage deadline. A run that cannot write its end lets go of
 * its lease: the sweeper finishes it from what the log shows.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    /** The log chunks of attempt n are numbered from (n - 1) times this. */
    static final long SEQUENCES_PER_ATTEMPT = 1_000_000_000L;

    private final PipelineConfig config;
    private final SecretBox secretBox;
    private final EventPublisher events;
    private final EventPublisher logs;
    private final OutboxRelay outbox;
    private final LaneStore store;
    private final WorkerIdentity self;
    private final Durably durably;
    private final Job jobs;
    private final DeploymentEvents factory = DeploymentEvents.system();
    private final ExecutorService executor;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "lease-checks");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentHashMap<String, JobContext> running = new ConcurrentHashMap<>();
    /** Runs decided here that wait for a thread: they are this instance's too. */
    private final ConcurrentHashMap<String, Integer> waiting = new ConcurrentHashMap<>();
    /**
     * Runs that ended here with their end on the log, until the lane has read it (a minute is plenty): the lease
     * still names this instance meanwhile, and the sweeper must not take them for orphans and run them again.
     */
    private final ConcurrentHashMap<String, Instant> endedHere = new ConcurrentHashMap<>();
    private final Path workspaces;
    private final Path runningDir;
    private final BuildSandbox sandbox;
    private final BuildCgroups cgroups;
    private volatile boolean stopping;

    public JobRunner(PipelineConfig config, @DeploymentEventsLog EventPublisher events,
            @DeploymentLogsLog EventPublisher logs, OutboxRelay outbox, LaneStore store, WorkerIdentity self,
            Durably durably, Job jobs, BuildSandbox sandbox, BuildCgroups cgroups, SecretBox secretBox) {
        this.config = config;
        this.cgroups = cgroups;
        this.secretBox = secretBox;
        this.sandbox = sandbox;
        this.events = events;
        this.logs = logs;
        this.outbox = outbox;
        this.store = store;
        this.self = self;
        this.durably = durably;
        this.jobs = jobs;
        this.executor = Executors.newFixedThreadPool(config.concurrentDeployments());
        Path work = config.workDir().toAbsolutePath();
        this.workspaces = work.resolve("workspaces");
        this.runningDir = work.resolve("running");
    }

    /** Before anything runs: builds a crashed worker left behind on this machine are killed, their workspaces removed. */
    void cleanUp(@Observes StartupEvent event) throws IOException {
        List<String> killed = Sessions.killOrphans(runningDir, workspaces);
        if (!killed.isEmpty()) {
            LOG.warnf("killed the builds a stopped worker left running: %s", killed);
        }
        Set<String> live = Sessions.liveTags(runningDir);
        cgroups.removeLeftovers(live);
        if (Files.isDirectory(workspaces)) {
            try (Stream<Path> dirs = Files.list(workspaces)) {
                dirs.filter(d -> !live.contains(d.getFileName().toString())).forEach(JobRunner::deleteQuietly);
            }
        }
    }

    /** Runs attempt {@code attempt} of the deployment here, once a thread is free. */
    public void run(String deploymentId, int attempt) {
        if (stopping) {
            return;
        }
        JobContext current = running.get(deploymentId);
        if (current != null && current.attempt >= attempt) {
            return;
        }
        waiting.merge(deploymentId, attempt, Math::max);
        executor.submit(() -> {
            try {
                execute(deploymentId, attempt);
            } finally {
                waiting.remove(deploymentId, attempt);
            }
        });
    }

    /** Stops the deployment's run if it is here (elsewhere, its own lease check sees the cancellation). */
    public void stop(String deploymentId) {
        JobContext job = running.get(deploymentId);
        if (job != null) {
            checkLease(job);
        }
    }

    /** Deployments running (or waiting for a thread) here. */
    public Set<String> runningHere() {
        Instant forgotten = Instant.now().minus(java.time.Duration.ofMinutes(1));
        endedHere.values().removeIf(at -> at.isBefore(forgotten));
        Set<String> here = new java.util.HashSet<>(running.keySet());
        here.addAll(waiting.keySet());
        here.addAll(endedHere.keySet());
        return here;
    }

    private void execute(String deploymentId, int attempt) {
        LaneEntryEntity row = durably.inDatabase(config.outageDeadline(),
                () -> QuarkusTransaction.requiringNew().call(() -> LaneEntryEntity.<LaneEntryEntity>findById(deploymentId)));
        if (row == null || !"running".equals(row.state) || !self.id().equals(row.owner) || row.attempt != attempt) {
            return; // finished, cancelled or handed to another attempt before a thread was free
        }
        DeploymentSpec spec = DeploymentSpec.of(row);
        Envelope cause = Envelope.newBuilder().setEventId(row.requestEventId == null ? deploymentId : row.requestEventId)
                .setOccurredAt(row.requestedAt).setActor(DeploymentEvents.ACTOR).setCorrelationId(deploymentId).build();
        DeploymentEvents.Subject subject = new DeploymentEvents.Subject(deploymentId, spec.projectId(),
                spec.environment(), spec.requestedAt(), cause);
        String tag = deploymentId + "-" + attempt;
        LogSink log = new LogSink(logs, factory, cause, deploymentId, config.outageDeadline(),
                (attempt - 1) * SEQUENCES_PER_ATTEMPT);
        JobContext job = new JobContext(spec, attempt, workspaces.resolve(tag), log,
                new ProcessRunner(runningDir, tag, sandbox, cgroups, sandbox.limits(spec.settings())), factory, subject, events, outbox, config.outageDeadline());
        openSecrets(job);
        boolean[] ours = { false };
        running.compute(deploymentId, (id, other) -> {
            if (other != null && other.attempt >= attempt) {
                return other; // this attempt already runs here
            }
            ours[0] = true;
            return job; // an older attempt still here is fenced off by its next lease check
        });
        if (!ours[0]) {
            return;
        }
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "log-" + tag);
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(log::flush, LogSink.MAX_DELAY_MS, LogSink.MAX_DELAY_MS, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> lease = timers.scheduleWithFixedDelay(() -> checkLease(job), config.heartbeat().toMillis(),
                config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        boolean ended = false;
        try {
            job.processes.open();
            if (attempt > 1) {
                log.system("attempt " + attempt + " of " + config.maxAttempts()
                        + ": the worker that ran this deployment before stopped");
            }
            ended = jobs.run(job, self.id());
            if (ended) {
                endedHere.put(deploymentId, Instant.now());
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "deployment %s: run %d ended unexpectedly", deploymentId, attempt);
        } finally {
            lease.cancel(false);
            flusher.shutdownNow();
            log.end();
            deleteQuietly(job.workspace);
            try {
                job.processes.close();
            } catch (IOException e) {
                LOG.warnf("run record of %s not removed: %s", tag, e.getMessage());
            }
            running.remove(deploymentId, job);
            if (!ended && job.stopped() != JobContext.Stop.FENCED) {
                letGo(job);
            }
        }
    }

    /**
     * Opens the deployment's secrets (its snapshot holds them sealed) for its build, and masks them in its log; a
     * secret that does not open (its key is not configured here) fails the build with that reason.
     */
    private void openSecrets(JobContext job) {
        for (dev.shiplog.schema.common.SealedSecret sealed : job.spec.secrets()) {
            try {
                job.secrets.put(sealed.getName(), secretBox.open(sealed));
            } catch (SecretUnavailableException e) {
                job.secretsProblem = e.getMessage();
            }
        }
        java.util.Set<String> values = new java.util.HashSet<>(job.secrets.values());
        job.log.mask(new SecretMask(values));
    }

    /** Every heartbeat: is the lease still this run's, and was a cancel asked for? */
    private void checkLease(JobContext job) {
        try {
            LaneStore.Lease lease = QuarkusTransaction.requiringNew().call(() -> store.lease(job.spec.deploymentId()));
            if (!lease.heldBy(self.id(), job.attempt)) {
                job.stop(JobContext.Stop.FENCED, null);
            } else if (lease.cancelReason() != null) {
                job.stop(JobContext.Stop.CANCELLED, lease.cancelReason());
            }
        } catch (RuntimeException e) {
            LOG.debugf("lease of %s not checked (database unavailable?): %s", job.spec.deploymentId(),
                    Failures.rootMessage(e));
        }
    }

    /** This instance cannot end the deployment: its lease is let go, and the sweeper takes it from the log. */
    private void letGo(JobContext job) {
        try {
            durably.inDatabase(job, () -> {
                QuarkusTransaction.requiringNew().run(() -> store.release(job.spec.deploymentId(), self.id(),
                        job.attempt));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf("deployment %s: lease not let go (%s); it is adopted once this instance is judged gone",
                    job.spec.deploymentId(), Failures.rootMessage(e));
        }
    }

    static void deleteQuietly(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
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

    /** A stopping worker hands its runs over: their processes die now, their leases are let go for another run. */
    @PreDestroy
    void shutdown() {
        stopping = true;
        running.values().forEach(job -> job.stop(JobContext.Stop.SHUTDOWN, null));
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        timers.shutdownNow();
    }
}
