package dev.shiplog.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentScheduled;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.environment.EnvironmentHealth;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given an event on the log, then the notifications it makes; given what the feed holds, then what is recorded. */
class NotificationRulesTest {

    static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
    static final String DEPLOYMENT = "6a1f0000-0000-4000-8000-000000000001";

    static Envelope envelope() {
        return Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(AT).setActor("user:ana")
                .setCorrelationId(DEPLOYMENT).build();
    }

    static DeploymentRequested.Builder requested() {
        return DeploymentRequested.newBuilder().setEnvelope(envelope()).setDeploymentId(DEPLOYMENT).setProjectId("shop")
                .setEnvironment("staging").setVersion("1.4.2")
                .setSource(Source.newBuilder().setGitUrl("file:///srv/git/shop").setGitBranch("main").build())
                .setConfig(DeploymentConfig.newBuilder().setBuildCommand("make").setOutputDirectory("dist").build());
    }

    static DeploymentSucceeded succeeded() {
        return DeploymentSucceeded.newBuilder().setEnvelope(envelope()).setDeploymentId(DEPLOYMENT).setProjectId("shop")
                .setEnvironment("staging").setVersion("1.4.2").setDeploymentUrl("http://127.0.0.1:8090/d/1/")
                .setEnvironmentUrl("http://127.0.0.1:8090/e/shop/staging/").setDurationMillis(4200L)
                .setArtifactId("a".repeat(64)).build();
    }

    static DeploymentFailed failed(String reason) {
        return DeploymentFailed.newBuilder().setEnvelope(envelope()).setDeploymentId(DEPLOYMENT).setProjectId("shop")
                .setEnvironment("staging").setStage(Stage.VERIFY).setReason(reason).setDurationMillis(1500L).build();
    }

    static Notification only(Object event) {
        List<Notification> made = NotificationRules.of((org.apache.avro.specific.SpecificRecord) event,
                (Envelope) ((org.apache.avro.specific.SpecificRecord) event).get(0));
        assertEquals(1, made.size(), made.toString());
        return made.get(0);
    }

    static String id(String kind) {
        return UUID.nameUUIDFromBytes(("in-app:" + DEPLOYMENT + ":" + kind).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void aRequestIsStartedWithWhoRequestedIt() {
        assertEquals(new Notification(id("started"), "shop", "staging", DEPLOYMENT, "started",
                "shop 1.4.2 is being deployed to staging", "requested by user:ana", null, AT), only(requested().build()));
    }

    @Test
    void aPromotionIsPromotedFromItsDeployment() {
        Notification n = only(requested().setPromotedFrom("d-0").build());
        assertEquals("promoted", n.kind());
        assertEquals("shop 1.4.2 is being promoted to staging", n.title());
        assertEquals("from deployment d-0, by user:ana", n.detail());
    }

    @Test
    void aRequestThatNeedsAnApprovalAlsoSaysSo() {
        List<Notification> made = NotificationRules.of(requested().setApprovalRequired(true).build(), envelope());
        assertEquals(List.of("started", "approval_requested"), made.stream().map(Notification::kind).toList());
        assertEquals("shop 1.4.2 to staging waits for an approval", made.get(1).title());
        assertEquals("requested by user:ana; a maintainer other than the requester approves or rejects it",
                made.get(1).detail());
    }

    @Test
    void aSuccessLinksToTheDeployment() {
        Notification n = only(succeeded());
        assertEquals("succeeded", n.kind());
        assertEquals("shop 1.4.2 is live on staging", n.title());
        assertEquals("http://127.0.0.1:8090/d/1/", n.url());
        assertEquals("http://127.0.0.1:8090/d/1/", n.detail());
    }

    @Test
    void aFailureSaysItsStageAndReasonAndAReasonWithANulIsStorable() {
        Notification n = only(failed("build exited with 2"));
        assertEquals("failed", n.kind());
        assertEquals("shop failed to deploy to staging (verify)", n.title());
        assertEquals("build exited with 2", n.detail());
        assertEquals("a\uFFFDb", only(failed("a\u0000b")).detail());
    }

    @Test
    void aCancellationAScheduleAndARollbackAreNotified() {
        Notification cancelled = only(DeploymentCancelled.newBuilder().setEnvelope(envelope()).setDeploymentId(DEPLOYMENT)
                .setProjectId("shop").setEnvironment("staging").setReason("superseded").build());
        assertEquals(List.of("cancelled", "shop deployment to staging was cancelled", "superseded"),
                List.of(cancelled.kind(), cancelled.title(), cancelled.detail()));
        Notification scheduled = only(DeploymentScheduled.newBuilder().setEnvelope(envelope())
                .setDeploymentId(DEPLOYMENT).setProjectId("shop").setEnvironment("staging")
                .setNotBefore(Instant.parse("2026-12-02T08:00:00Z")).build());
        assertEquals(List.of("scheduled", "shop deployment to staging is scheduled for 2026-12-02T08:00:00Z"),
                List.of(scheduled.kind(), scheduled.title()));
        Notification rolledBack = only(DeploymentRolledBack.newBuilder().setEnvelope(envelope())
                .setDeploymentId(DEPLOYMENT).setProjectId("shop").setEnvironment("staging")
                .setRestoredDeploymentId("d-0").setReason("bake failed").build());
        assertEquals(List.of("rolled_back", "shop on staging was rolled back", "deployment d-0 is live again: bake failed"),
                List.of(rolledBack.kind(), rolledBack.title(), rolledBack.detail()));
    }

    @Test
    void aHealthChangeIsOneNotificationPerEventWithoutADeployment() {
        Envelope envelope = envelope();
        EnvironmentHealthChanged changed = EnvironmentHealthChanged.newBuilder().setEnvelope(envelope)
                .setProjectId("shop").setEnvironment("production").setStatus(EnvironmentHealth.DEGRADED)
                .setReason("slow answer").build();
        Notification n = only(changed);
        assertEquals(new Notification(Notification.healthId(envelope.getEventId()), "shop", "production", null,
                "health_changed", "shop production is degraded", "slow answer", null, AT), n);
        Notification again = only(EnvironmentHealthChanged.newBuilder(changed).setEnvelope(envelope()).build());
        assertNotEquals(n.id(), again.id());
    }

    @Test
    void otherEventsSayNothing() {
        assertEquals(List.of(), NotificationRules.of(DeploymentQueued.newBuilder().setEnvelope(envelope())
                .setDeploymentId(DEPLOYMENT).setProjectId("shop").setEnvironment("staging").setPosition(1).build(),
                envelope()));
    }

    @Test
    void theSameThingSaidTwiceIsOneNotification() {
        // two events for one request (a retry whose first write was not acknowledged): different event ids
        assertEquals(only(requested().build()).id(), only(requested().setEnvelope(envelope()).build()).id());
        assertEquals(only(succeeded()).id(), only(succeeded()).id());
        assertNotEquals(only(succeeded()).id(), only(failed("x")).id());
    }

    @Test
    void aNewNotificationIsRecordedAndOneRecordedAlreadyIsAnnouncedAgain() {
        Notification started = only(requested().build());
        assertEquals(NotificationRules.Recording.RECORD, NotificationRules.recording(started, false, () -> true));
        assertEquals(NotificationRules.Recording.ANNOUNCE_AGAIN, NotificationRules.recording(started, true, () -> true));
    }

    @Test
    void aDeploymentEndsOnceInTheFeed() {
        Notification late = only(failed("late"));
        assertEquals(NotificationRules.Recording.RECORD, NotificationRules.recording(late, false, () -> false));
        assertEquals(NotificationRules.Recording.SKIP, NotificationRules.recording(late, false, () -> true));
        // only an end asks
        assertEquals(NotificationRules.Recording.RECORD, NotificationRules.recording(only(requested().build()), false,
                () -> {
                    throw new AssertionError("asked whether a request ended");
                }));
    }

    @Test
    void eachSubscriptionThatWantsTheKindAndEnvironmentReceivesItUnlessPaused() {
        Notification failedOnStaging = only(failed("x"));
        List<Subscription> subscriptions = List.of(
                subscription("all", List.of(), List.of(), false),
                subscription("failures", List.of(), List.of("failed"), false),
                subscription("successes", List.of(), List.of("succeeded"), false),
                subscription("staging", List.of("staging"), List.of(), false),
                subscription("production", List.of("production"), List.of(), false),
                subscription("paused", List.of(), List.of(), true));
        assertEquals(List.of("all", "failures", "staging"), NotificationRules.receivers(failedOnStaging, subscriptions));
    }

    static Subscription subscription(String id, List<String> environments, List<String> kinds, boolean paused) {
        return new Subscription(id, "shop", id, "webhook", "https://hooks.example.com/x", List.of(), environments,
                kinds, paused, 8, true, null, AT, AT);
    }
}
