package dev.shiplog.pipeline;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.testing.TestEvents;
import dev.shiplog.testing.TestGitRepo;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** What the pipeline-worker tests share: a git repository to build from, and requests as the API writes them. */
final class Pipelines {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String WORKER = "http://127.0.0.1:18082";
    private static TestGitRepo site;

    /** A real git repository with a small static site, made once. */
    static synchronized TestGitRepo site() {
        if (site == null) {
            site = TestGitRepo.create("site",
                    Map.of("site/index.html", "<h1>Shop VERSION</h1>\n", "site/health", "ok\n"));
        }
        return site;
    }

    static String deploymentId(SpecificRecord event) {
        org.apache.avro.Schema.Field field = event.getSchema().getField("deploymentId");
        return field == null ? null : String.valueOf(event.get(field.pos()));
    }

    static String project() {
        return "pw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes an event about {@code project}'s staging, as another service would. */
    static void publish(SpecificRecord event) {
        String project = event.get(event.getSchema().getField("projectId").pos()).toString();
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, "staging"), event);
    }

    static DeploymentConfig config(String build, String output, String health, Map<String, String> env) {
        return DeploymentConfig.newBuilder().setBuildCommand(build).setOutputDirectory(output)
                .setHealthCheckPath(health).setEnvironmentVariables(env).setTimeoutSeconds(120).build();
    }

    static DeploymentRequested requested(String project, DeploymentConfig config) {
        String id = UUID.randomUUID().toString();
        return DeploymentRequested.newBuilder()
                .setEnvelope(TestEvents.envelope(id))
                .setDeploymentId(id).setProjectId(project).setEnvironment("staging").setVersion("1.0.0")
                .setSource(Source.newBuilder().setGitUrl(site().url()).setGitBranch("main").build())
                .setConfig(config)
                .build();
    }

    static CancellationRequested cancel(DeploymentRequested request, String reason) {
        return CancellationRequested.newBuilder().setEnvelope(TestEvents.envelope(request.getDeploymentId()))
                .setDeploymentId(request.getDeploymentId()).setProjectId(request.getProjectId())
                .setEnvironment("staging").setReason(reason).build();
    }

    /** A sleep no other process on the machine runs: its disappearance is this build's. */
    static String uniqueSleep(int seconds) {
        return "sleep " + seconds + "." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    }

    static boolean running(String commandLinePart) {
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.isAlive() && p.info().commandLine().orElse("").contains(commandLinePart));
    }

    private Pipelines() {
    }
}
