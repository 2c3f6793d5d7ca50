package dev.shiplog.pipeline.service.job;

import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.runtime.HealthProbe;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Verify: {@code healthCheckPath} (default {@code /}) on the deployment's own URL, probed until it answers below 400
 * or until {@code shiplog.verify-deadline}; a cancel stops it between probes at once. The path is checked again
 * here (it came from the log) and the URL must stay under the release's own: a check never probes anything else.
 */
@ApplicationScoped
public class VerifyStage implements Stage {

    private final PipelineConfig config;
    private final HealthProbe probe;

    public VerifyStage(PipelineConfig config, HealthProbe probe) {
        this.config = config;
        this.probe = probe;
    }

    @Override
    public dev.shiplog.schema.common.Stage name() {
        return dev.shiplog.schema.common.Stage.VERIFY;
    }

    /** The URL probed: the release's own URL and the path, or null if they would lead anywhere else. */
    static String probeUrl(String deploymentUrl, String healthCheckPath) {
        String path = healthCheckPath == null ? "/" : healthCheckPath;
        if (FieldRules.healthCheckPath(path) != null) {
            return null;
        }
        String url = deploymentUrl + path.substring(1);
        URI uri = URI.create(url).normalize();
        return uri.toString().startsWith(deploymentUrl) ? url : null;
    }

    @Override
    public Outcome run(JobContext job) throws Exception {
        String url = probeUrl(job.deploymentUrl, job.spec.healthCheckPath());
        if (url == null) {
            return Outcome.failed("healthCheckPath " + job.spec.healthCheckPath() + " leads out of the release");
        }
        Instant deadline = Instant.now().plus(config.verifyDeadline());
        int attempts = 0;
        Integer status = null;
        String problem;
        do {
            attempts++;
            HealthProbe.Result result = probe.probeNow(url, Duration.ofSeconds(5));
            status = result.status();
            problem = result.problem();
            if (problem == null) {
                break;
            }
            if (job.awaitStop(Duration.ofMillis(Math.min(1000, 100L * attempts)))) {
                return Outcome.stopped();
            }
        } while (Instant.now().isBefore(deadline));
        boolean healthy = problem == null;
        job.log.system("health check " + url + ": " + (healthy ? "healthy (" + status + ")" : problem) + " after "
                + attempts + " attempt(s)");
        job.publishSoon(job.events.healthChecked(job.subject, url, healthy, attempts, status, problem));
        return healthy ? Outcome.succeeded("healthy") : Outcome.failed("health check " + url + " failed: " + problem);
    }
}
