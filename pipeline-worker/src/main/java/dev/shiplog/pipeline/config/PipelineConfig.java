package dev.shiplog.pipeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings of the pipeline-worker, under {@code shiplog.}. */
@ConfigMapping(prefix = "shiplog")
public interface PipelineConfig {

    /** How long one try of writing an event waits for the broker's acknowledgement. */
    @WithDefault("12s")
    Duration publishTimeout();

    /**
     * How long a running deployment rides out the event log or the database being unavailable (it keeps trying,
     * with pauses) before it fails with that reason. A shorter outage never fails a deployment.
     */
    @WithDefault("120s")
    Duration outageDeadline();

    /** Workspaces, the filesystem artifact store and the local runtime's releases live under this directory. */
    @WithDefault(".shiplog/pipeline")
    Path workDir();

    /** The store of uploaded source archives ({@code <archiveId>.tar.gz}), written by the deployment-api. */
    @WithDefault(".shiplog/sources")
    Path sourceDir();

    /**
     * The most bytes an uploaded source archive may unpack to (256 MiB: sources, not their dependencies); past it
     * the build fails naming this limit, the disk is spared.
     */
    @WithDefault("268435456")
    long maxSourceBytes();

    /** The most files and directories an uploaded source archive may hold (past it the build fails naming it). */
    @WithDefault("20000")
    int maxSourceEntries();

    /**
     * Base URL under which environments and deployments are reached by their users (the gateway, which passes
     * {@code /sites/} and {@code /deployments/} on to this worker's runtime).
     */
    @WithDefault("http://127.0.0.1:8082")
    String publicUrl();

    /** Base URL under which the platform reaches the local runtime itself (health checks): this worker. */
    @WithDefault("http://127.0.0.1:8082")
    String internalUrl();

    /** How the live release of every environment is health-checked (service.HealthMonitor). */
    Health health();

    /** How live releases are health-checked. */
    interface Health {
        /** How often. */
        @WithDefault("5s")
        Duration interval();

        /** Failed checks in a row that make an environment down (fewer: degraded). */
        @WithDefault("3")
        int downAfter();

        /** A check answered more slowly than this makes the environment degraded. */
        @WithDefault("2s")
        Duration slowAfter();
    }

    /** Build deadline when a deployment does not set config.timeout. */
    @WithDefault("600s")
    Duration defaultBuildTimeout();

    /** How long the verify stage keeps probing the health check before failing the deployment. */
    @WithDefault("30s")
    Duration verifyDeadline();

    /** How often an instance says it is alive, and a run checks its lease (cancel, fenced off). */
    @WithDefault("2s")
    Duration heartbeat();

    /** An instance not heard of for this long is gone: what it ran is run again elsewhere (or failed). */
    @WithDefault("20s")
    Duration orphanAfter();

    /** How often the sweeper looks for orphans and stalled lanes. */
    @WithDefault("5s")
    Duration sweepEvery();

    /** How many times a deployment is started when the workers running it stop (crash, restart). */
    @WithDefault("3")
    int maxAttempts();

    /** How many deployments (of different environments) one instance runs at once. */
    @WithDefault("2")
    int concurrentDeployments();

    /** How a new live release is watched (service.BakeWatcher). */
    Bake bake();

    /** How a new live release is watched after it went live. */
    interface Bake {
        /** How long, when the environment does not say ({@code bakeSeconds}). */
        @WithDefault("60s")
        Duration period();

        /** How often its health path is probed on the environment's URL. */
        @WithDefault("1s")
        Duration probeInterval();

        /** How many failed probes in a row roll it back. */
        @WithDefault("3")
        int failures();
    }

    /** Artifact retention (service.retention.ArtifactCleaner). */
    Retention retention();

    /** Artifact retention: the default policy and how often it is applied. */
    interface Retention {
        /** How often every project's policy is applied. */
        @WithDefault("10m")
        Duration interval();

        /** An artifact never released is kept this long (its deployment may be on its way live). */
        @WithDefault("1h")
        Duration grace();
    }

    /** How builds run (sandbox.BuildSandbox). */
    Build build();

    /** How server applications run (runtime.app). */
    Apps runtime();

    /** How server applications run: in the build sandbox, one network namespace per instance. */
    interface Apps {
        /**
         * The most application processes this worker runs at once (one network namespace each, made by
         * deploy/sandbox/net-setup.sh): a release asking for more is refused with that reason.
         */
        @WithDefault("32")
        int appSlots();

        /** How long a new instance has to listen on its PORT. */
        @WithDefault("30s")
        Duration startDeadline();

        /** How long a release leaving the traffic may finish its requests in flight before it is stopped. */
        @WithDefault("10s")
        Duration drainTimeout();

        /** How long a stopped instance has after SIGTERM before it is killed. */
        @WithDefault("5s")
        Duration stopGrace();

        /** How long one proxied request may go without a byte moving before it is ended (504). */
        @WithDefault("60s")
        Duration requestTimeout();

        /** The longest pause before a crashed instance is started again (doubling from a second). */
        @WithDefault("30s")
        Duration restartBackoffMax();

        /** Auto-scaling's target: requests in flight per instance; more grows the release at once. */
        @WithDefault("4")
        int scaleTarget();

        /** How long one instance fewer must have sufficed before auto-scaling takes one out. */
        @WithDefault("15s")
        Duration scaleDownAfter();

        /** How much one instance may print to its log before the rest of its output is dropped (said once). */
        @WithDefault("67108864")
        long maxOutputBytes();

        /** What one instance may use when its environment sets none ({@code settings.instanceLimits}). */
        InstanceLimits instanceLimits();
    }

    /**
     * An instance's limits when its environment sets none, and their ceilings (cgroups as for builds: where there
     * are none, instances run without them and their log says so).
     */
    interface InstanceLimits {
        @WithDefault("512")
        long memoryMb();

        @WithDefault("128")
        int processes();

        @WithDefault("1.0")
        double cpus();

        @WithDefault("8192")
        long maxMemoryMb();

        @WithDefault("4096")
        int maxProcesses();

        @WithDefault("4.0")
        double maxCpus();
    }

    /** How builds run. */
    interface Build {
        /** {@code sandbox} (the build user, namespaces of its own), or {@code none} where the worker is not root. */
        @WithDefault("sandbox")
        String isolation();

        /** bubblewrap, which makes each build step's namespaces (Debian's package bubblewrap). */
        @WithDefault("/usr/bin/bwrap")
        Path bwrap();

        /** The unprivileged user builds run as. */
        @WithDefault("shiplog-build")
        String user();

        /** How many build network namespaces there are (deploy/sandbox/net-setup.sh makes them). */
        @WithDefault("8")
        int networkSlots();

        /** More directories a build must not see, besides the checkout and the worker's own directories. */
        @WithDefault("/root,/home")
        List<Path> hidden();

        /** The size of a build's private /tmp. */
        @WithDefault("1g")
        String tmpSize();

        /** What one build may use (domain.build.BuildLimits): defaults, and ceilings no environment goes past. */
        Limits limits();
    }

    /** A build's limits when its environment sets none ({@code settings.buildLimits}), and their ceilings. */
    interface Limits {
        /**
         * Memory and process limits need cgroups (v1, writable: the worker runs as root); where there are none,
         * builds run without them and every build's log says so. {@code false} turns them off.
         */
        @WithDefault("true")
        boolean cgroups();

        @WithDefault("1024")
        long memoryMb();

        @WithDefault("256")
        int processes();

        /** Two: what a build of a web application uses in bursts (git's threads, bundlers), not a machine's worth. */
        @WithDefault("2.0")
        double cpus();

        /** What a build may write into its workspace (its /tmp is a tmpfs of {@code tmp-size}). */
        @WithDefault("2048")
        long diskMb();

        @WithDefault("8192")
        long maxMemoryMb();

        @WithDefault("4096")
        int maxProcesses();

        @WithDefault("4.0")
        double maxCpus();

        @WithDefault("16384")
        long maxDiskMb();
    }
}
