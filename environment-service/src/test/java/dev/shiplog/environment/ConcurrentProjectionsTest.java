package dev.shiplog.environment;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.service.EnvironmentProjection;
import dev.shiplog.environment.service.LiveDeployments;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.environment.EnvironmentHealth;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The environment row is written by two projections (environment events and deployment events), each on its own
 * consumer thread, or instance: one applying a health change while the other applies a release going live must
 * leave both in the row. (Each used to write back the whole row it had read, so the later commit erased the other's
 * change; a rebuild from the log found the status the live row had lost.) The two are applied here through the
 * projections' own code, in two transactions held open so they overlap for certain.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class ConcurrentProjectionsTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EnvironmentProjection environments;
    @Inject
    LiveDeployments deployments;
    @Inject
    EntityManager em;

    @Test
    void aHealthChangeAndADeploymentAppliedAtOnceBothStayInTheRow() throws Exception {
        String project = "cc-" + UUID.randomUUID().toString().substring(0, 8);
        String deploymentId = UUID.randomUUID().toString();
        try {
            apply(environments, Topics.ENVIRONMENT_EVENTS, EnvironmentConfigured.newBuilder()
                    .setEnvelope(TestEvents.envelope(project)).setProjectId(project).setEnvironment("staging")
                    .setUrl("https://staging.example").setSettings(Map.of()).setProtected$(false)
                    .setApprovalRequired(false).build());

            // the health change is applied and its transaction held open, not committed
            CountDownLatch healthApplied = new CountDownLatch(1);
            CountDownLatch commitHealth = new CountDownLatch(1);
            CompletableFuture<Void> health = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                    .run(() -> {
                        environments.apply(delivery(Topics.ENVIRONMENT_EVENTS, EnvironmentHealthChanged.newBuilder()
                                .setEnvelope(TestEvents.envelope(project)).setProjectId(project)
                                .setEnvironment("staging").setStatus(EnvironmentHealth.HEALTHY).setReason("200 OK")
                                .setDeploymentId(null).build()));
                        em.flush();
                        healthApplied.countDown();
                        hold(commitHealth);
                    }));
            hold(healthApplied);

            // meanwhile a release goes live, on the other projection's thread
            CompletableFuture<Void> success = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                    .run(() -> deployments.apply(delivery(Topics.DEPLOYMENT_EVENTS, ReleaseActivated.newBuilder()
                            .setEnvelope(TestEvents.envelope(deploymentId)).setDeploymentId(deploymentId)
                            .setProjectId(project).setEnvironment("staging").setArtifactId(TestEvents.sha256("1.0.0"))
                            .setReleaseId(deploymentId)
                            .setDeploymentUrl("http://127.0.0.1:8082/sites/" + deploymentId + "/")
                            .setEnvironmentUrl("http://127.0.0.1:8082/sites/" + project + "/staging/").build()))));
            // it waits for the other transaction (for the row's lock, as it must; before, for the row itself, at its
            // write of what it had read), or is done
            await().atMost(WAIT).until(() -> success.isDone() || waitingForALock());
            commitHealth.countDown();
            health.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            success.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            EnvironmentEntity row = QuarkusTransaction.requiringNew()
                    .call(() -> EnvironmentEntity.find(EnvironmentRef.of(project, "staging")));
            assertEquals("healthy", row.status, "the health change");
            assertEquals(deploymentId, row.currentDeploymentId, "the release that went live");
            assertEquals(TestEvents.sha256("1.0.0"), row.currentArtifact);
        } finally {
            // these events were never on the log: a rebuild must not find their rows in the live tables
            QuarkusTransaction.requiringNew().run(() -> {
                for (String table : new String[] { "environment", "environment_journal", "deployment_release" }) {
                    em.createNativeQuery("delete from " + table + " where project_id = ?1").setParameter(1, project)
                            .executeUpdate();
                }
            });
        }
    }

    private boolean waitingForALock() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from pg_locks where not granted").getSingleResult())
                .longValue() > 0);
    }

    private void apply(dev.shiplog.kit.messaging.Projection projection, Topics.Topic topic, SpecificRecord event) {
        QuarkusTransaction.requiringNew().run(() -> projection.apply(delivery(topic, event)));
    }

    private static Delivery delivery(Topics.Topic topic, SpecificRecord event) {
        return new Delivery(event, (dev.shiplog.schema.common.Envelope) event.get(0), topic.name(), 0, 0, false);
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("not reached in " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
