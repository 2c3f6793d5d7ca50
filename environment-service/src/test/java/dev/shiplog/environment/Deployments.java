package dev.shiplog.environment;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.testing.TestEvents;
import org.apache.avro.specific.SpecificRecord;

/**
 * The deployment events the pipeline-worker and the gateway write, as this service reads them, for one environment,
 * published on {@code shiplog.deployment.events} with the environment's key.
 */
final class Deployments {

    final String project;
    final String environment;

    Deployments(String project, String environment) {
        this.project = project;
        this.environment = environment;
    }

    /** A deployment requested, then gone live and succeeded, as the worker writes it. */
    void deployed(String deploymentId, String version) {
        publish(requested(deploymentId, version));
        publish(activated(deploymentId, artifact(version)));
        publish(succeeded(deploymentId, version));
    }

    void publish(SpecificRecord event) {
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, environment), event);
    }

    DeploymentRequested requested(String deploymentId, String version) {
        return DeploymentRequested.newBuilder().setEnvelope(TestEvents.envelope(deploymentId))
                .setDeploymentId(deploymentId).setProjectId(project).setEnvironment(environment).setVersion(version)
                .setSource(Source.newBuilder().setGitUrl("file:///srv/git/" + project).setGitBranch("main").build())
                .setConfig(DeploymentConfig.newBuilder().setBuildCommand("make site").setOutputDirectory("dist")
                        .build())
                .build();
    }

    ReleaseActivated activated(String deploymentId, String artifactId) {
        return ReleaseActivated.newBuilder().setEnvelope(TestEvents.envelope(deploymentId))
                .setDeploymentId(deploymentId).setProjectId(project).setEnvironment(environment)
                .setArtifactId(artifactId).setReleaseId(deploymentId)
                .setDeploymentUrl("http://127.0.0.1:8082/deployments/" + deploymentId + "/")
                .setEnvironmentUrl("http://127.0.0.1:8082/sites/" + project + "/" + environment + "/").build();
    }

    DeploymentSucceeded succeeded(String deploymentId, String version) {
        return succeeded(deploymentId, version, TestEvents.envelope(deploymentId));
    }

    DeploymentSucceeded succeeded(String deploymentId, String version, Envelope envelope) {
        return DeploymentSucceeded.newBuilder().setEnvelope(envelope).setDeploymentId(deploymentId)
                .setProjectId(project).setEnvironment(environment).setVersion(version)
                .setDeploymentUrl("http://127.0.0.1:8082/deployments/" + deploymentId + "/")
                .setEnvironmentUrl("http://127.0.0.1:8082/sites/" + project + "/" + environment + "/")
                .setDurationMillis(1000L).setArtifactId(artifact(version)).build();
    }

    DeploymentFailed failed(String deploymentId) {
        return DeploymentFailed.newBuilder().setEnvelope(TestEvents.envelope(deploymentId))
                .setDeploymentId(deploymentId).setProjectId(project).setEnvironment(environment)
                .setStage(Stage.VERIFY).setReason("the switch failed").setDurationMillis(1000L).build();
    }

    EnvironmentPinned pinned(String rollbackId) {
        return EnvironmentPinned.newBuilder().setEnvelope(TestEvents.envelope(rollbackId)).setProjectId(project)
                .setEnvironment(environment).setRollbackDeploymentId(rollbackId).setReason("smoke test failed")
                .build();
    }

    /** {@code rollbackId} null: the old shape, written before rollbacks were deployments of their own. */
    DeploymentRolledBack rolledBack(String replaced, String restored, String rollbackId) {
        return DeploymentRolledBack.newBuilder().setEnvelope(TestEvents.envelope(replaced)).setDeploymentId(replaced)
                .setProjectId(project).setEnvironment(environment).setRestoredDeploymentId(restored)
                .setRollbackDeploymentId(rollbackId).setReason("smoke test failed").build();
    }

    /** The artifact a version was built into, in these tests. */
    static String artifact(String version) {
        return TestEvents.sha256(version);
    }
}
