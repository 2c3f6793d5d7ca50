package dev.shiplog.environment.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.environment.domain.Variable;
import dev.shiplog.environment.domain.state.Fact;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.schema.environment.ApplicationCrashed;
import dev.shiplog.schema.environment.ApplicationScaled;
import dev.shiplog.schema.environment.EnvironmentHealth;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.VariableChange;
import dev.shiplog.testing.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log's events as this service's facts. */
class FactMapperTest {

    @Test
    void anActivationIsAFactOfWhatIsLiveWhoseVersionTheCallerTells() {
        FactMapper.Located located = FactMapper.ofDeploymentEvent(ReleaseActivated.newBuilder()
                .setEnvelope(TestEvents.envelope("d1")).setDeploymentId("d1").setProjectId("shop")
                .setEnvironment("production").setArtifactId("a1").setReleaseId("d1").setEnvironmentUrl("http://e")
                .setDeploymentUrl("http://d").build());
        assertEquals(new FactMapper.Located("shop", "production", new Fact.Activated("d1", "a1", null)), located);
    }

    @Test
    void aFailureOrACancellationWithdrawsTheDeployment() {
        assertEquals(new Fact.Withdrawn("d1"), FactMapper.ofDeploymentEvent(DeploymentFailed.newBuilder()
                .setEnvelope(TestEvents.envelope("d1")).setDeploymentId("d1").setProjectId("shop")
                .setEnvironment("production").setStage(Stage.VERIFY).setReason("unhealthy").setDurationMillis(1)
                .build()).fact());
        assertEquals(new Fact.Withdrawn("d2"), FactMapper.ofDeploymentEvent(DeploymentCancelled.newBuilder()
                .setEnvelope(TestEvents.envelope("d2")).setDeploymentId("d2").setProjectId("shop")
                .setEnvironment("production").build()).fact());
    }

    @Test
    void aRollbackOfTheOldShapeRestoresButOneNamingItsRollbackDeploymentIsNoFactOfWhatIsLive() {
        DeploymentRolledBack old = DeploymentRolledBack.newBuilder().setEnvelope(TestEvents.envelope("d2"))
                .setDeploymentId("d2").setProjectId("shop").setEnvironment("production").setRestoredDeploymentId("d1")
                .build();
        assertEquals(new Fact.Restored("d1"), FactMapper.ofDeploymentEvent(old).fact());
        assertNull(FactMapper.ofDeploymentEvent(DeploymentRolledBack.newBuilder(old).setRollbackDeploymentId("r")
                .build()), "the rollback's own ReleaseActivated said what is live");
    }

    @Test
    void aPinsReasonIsKeptStorableAndItsAuthorIsTheEventsActor() {
        Fact fact = FactMapper.ofDeploymentEvent(EnvironmentPinned.newBuilder().setEnvelope(TestEvents.envelope("r"))
                .setProjectId("shop").setEnvironment("production").setRollbackDeploymentId("r")
                .setReason("bad\u0000release").build()).fact();
        assertEquals(new Fact.Pinned("r", "bad\uFFFDrelease", "test"), fact);
    }

    @Test
    void otherDeploymentEventsAreNoFacts() {
        assertNull(FactMapper.ofDeploymentEvent(StageStarted.newBuilder().setEnvelope(TestEvents.envelope("d1"))
                .setDeploymentId("d1").setProjectId("shop").setEnvironment("production").setStage(Stage.BUILD)
                .build()));
    }

    @Test
    void healthIsLowerCaseAndASecretIsAFactWithoutItsValue() {
        assertEquals(new Fact.HealthChanged("degraded"), FactMapper.ofEnvironmentEvent(EnvironmentHealthChanged
                .newBuilder().setEnvelope(TestEvents.envelope("k")).setProjectId("shop").setEnvironment("staging")
                .setStatus(EnvironmentHealth.DEGRADED).setReason("slow").build()).fact());
        VariableChange secret = VariableChange.newBuilder().setName("TOKEN").setSecret(true).setRemoved(false)
                .setSealed(SealedSecret.newBuilder().setName("TOKEN").setKeyId("k1").setCiphertext("c2VhbGVk").build())
                .build();
        assertEquals(new Fact.VariablesChanged(List.of(new Fact.VariableChanged("TOKEN", new Variable("TOKEN", true,
                null, "k1")))), FactMapper.ofEnvironmentEvent(EnvironmentVariablesChanged.newBuilder()
                        .setEnvelope(TestEvents.envelope("k")).setProjectId("shop").setEnvironment("staging")
                        .setChanges(List.of(secret)).build()).fact());
    }

    @Test
    void anApplicationsScalingAndCrashAreFactsOfItsEnvironmentWithTheOutputKeptStorableAndCut() {
        assertEquals(new FactMapper.Located("shop", "production", new Fact.ApplicationScaled("d1", 3, 1, "busy")),
                FactMapper.ofEnvironmentEvent(ApplicationScaled.newBuilder().setEnvelope(TestEvents.envelope("k"))
                        .setProjectId("shop").setEnvironment("production").setDeploymentId("d1").setInstances(3)
                        .setPreviousInstances(1).setReason("busy").build()));
        Fact crashed = FactMapper.ofEnvironmentEvent(ApplicationCrashed.newBuilder()
                .setEnvelope(TestEvents.envelope("k")).setProjectId("shop").setEnvironment("production")
                .setDeploymentId("d1").setInstance(2).setExitCode(137).setLastOutput("a\u0000" + "b".repeat(3000))
                .setRestartInSeconds(5).build()).fact();
        assertEquals(new Fact.ApplicationCrashed("d1", 2, 137, "a\uFFFD" + "b".repeat(1998), 5), crashed);
    }
}
