package dev.shiplog.deployment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings of the deployment-api, under {@code shiplog.}. */
@ConfigMapping(prefix = "shiplog")
public interface DeploymentApiConfig {

    /** How long a request waits for the broker to acknowledge its event before answering 503. */
    @WithDefault("12s")
    Duration publishTimeout();

    /** Where uploaded source archives are kept; the pipeline-worker reads the same store. */
    @WithDefault(".shiplog/sources")
    Path sourceDir();

    /** The largest source archive accepted. */
    @WithDefault("104857600")
    long maxSourceArchiveBytes();

    /** How long an uploaded source archive is kept after its last upload. */
    @WithDefault("24h")
    Duration sourceRetention();

    /** How long a deployment waits for an approval before it is cancelled. */
    @WithDefault("24h")
    Duration approvalTimeout();

    /** How long the gateway waits for its own copy of a token or member it just recorded (read your writes). */
    @WithDefault("5s")
    Duration accessVisibleWithin();

    /** How long an idempotency key stands for the request that first used it. */
    @WithDefault("24h")
    Duration idempotencyWindow();

    /** The services behind the gateway, and how long a read may wait to see a write (read your writes). */
    Gateway gateway();

    /** The services behind the gateway. */
    interface Gateway {
        @WithDefault("http://127.0.0.1:8083")
        String environmentService();

        @WithDefault("http://127.0.0.1:8084")
        String notificationService();

        @WithDefault("http://127.0.0.1:8082")
        String pipelineWorker();

        /** How long a request to one of them may take. */
        @WithDefault("30s")
        Duration timeout();

        /** How long a read waits for the projection it reads to have applied a write it names ({@code seen}). */
        @WithDefault("5s")
        Duration visibleWithin();

        /**
         * How long a request to a site or an application may go without a byte moving (the runtime ends it at 60 s of
         * its own first).
         */
        @WithDefault("65s")
        Duration sitesTimeout();

        /**
         * The names the gateway itself answers to. A request whose {@code Host} is another domain name (letters and
         * dots, not an address) is for the environment with that {@code domain} setting: its live release at {@code /}.
         */
        @WithDefault("localhost")
        java.util.List<String> hosts();
    }

    /** How much one credential may ask of the gateway, and how much may wait in one environment. */
    Limits limits();

    /**
     * The limits on volume: every {@code /api} call of one credential (the bootstrap admin token excepted) draws from
     * a bucket of {@code requestsBurst} refilled at {@code requestsPerSecond}; a write (POST, PUT, DELETE) also from
     * one of {@code writesBurst} refilled at {@code writesPerSecond}. Past either: 429 with {@code Retry-After}. A
     * deployment request into an environment where {@code maxWaiting} deployments already wait is refused (409).
     */
    interface Limits {
        @WithDefault("100")
        long requestsBurst();

        @WithDefault("20")
        long requestsPerSecond();

        @WithDefault("60")
        long writesBurst();

        @WithDefault("5")
        long writesPerSecond();

        @WithDefault("50")
        int maxWaiting();
    }
}
