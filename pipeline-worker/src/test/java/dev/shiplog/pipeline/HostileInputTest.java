package dev.shiplog.pipeline;

import static dev.shiplog.pipeline.Pipelines.WAIT;
import static dev.shiplog.pipeline.Pipelines.config;
import static dev.shiplog.pipeline.Pipelines.project;
import static dev.shiplog.pipeline.Pipelines.publish;
import static dev.shiplog.pipeline.Pipelines.requested;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.log.LogChunkAppended;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What a hostile user (or a broken producer on the log) tries, and what the worker does: a record that breaks the
 * catalog's rules never reaches git, a path or the database; its deployment still ends, with the reason; the lane
 * goes on. Links never lead out of a workspace, archives never fill the disk.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class HostileInputTest {

    @Test
    void aRequestBreakingTheRulesIsDeadLetteredItsDeploymentFailsWithTheReasonAndTheLaneGoesOn() {
        String project = project();
        DeploymentRequested escape = requested(project, config("true", ".", "/../../q/health", Map.of()));
        DeploymentRequested next = requested(project, config("mkdir -p d && cp site/index.html d/", "d", null, Map.of()));
        String dlq = Topics.deadLetter(Topics.DEPLOYMENT_EVENTS, "pipeline-worker.scheduler");
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS);
                TestEvents.RawReader deadLetters = TestEvents.get().readRawFromNow(dlq)) {
            publish(escape);
            publish(next);
            DeploymentFailed failed = events.await(DeploymentFailed.class,
                    e -> e.getDeploymentId().equals(escape.getDeploymentId()), WAIT);
            assertTrue(failed.getReason().contains("config.healthCheckPath"), failed.getReason());
            ConsumerRecord<String, byte[]> dead = deadLetters.awaitRecord(
                    r -> new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                            .contains(escape.getEnvelope().getEventId()), WAIT);
            assertEquals(Topics.environmentKey(project, "staging"), dead.key());
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(next.getDeploymentId()), WAIT);
        }
    }

    @Test
    void valuesThatWouldReachGitAsOptionsOrTheDatabaseAsNulNeverDo() {
        String project = project();
        Path marker = Path.of("target", "pwned-" + UUID.randomUUID()).toAbsolutePath();
        DeploymentRequested option = DeploymentRequested.newBuilder(requested(project, config("true", ".", null, Map.of())))
                .setSource(Source.newBuilder().setGitUrl(Pipelines.site().url())
                        .setGitBranch("--upload-pack=touch " + marker).build()).build();
        DeploymentRequested commit = DeploymentRequested.newBuilder(requested(project, config("true", ".", null, Map.of())))
                .setSource(Source.newBuilder().setGitUrl(Pipelines.site().url()).setGitCommit("-1").build()).build();
        DeploymentRequested nul = DeploymentRequested.newBuilder(requested(project, config("true", ".", null, Map.of())))
                .setVersion("1.0\u0000").build();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            for (DeploymentRequested bad : new DeploymentRequested[] { option, commit, nul }) {
                publish(bad);
            }
            assertTrue(events.await(DeploymentFailed.class, e -> e.getDeploymentId().equals(option.getDeploymentId()),
                    WAIT).getReason().contains("source.gitBranch"));
            assertTrue(events.await(DeploymentFailed.class, e -> e.getDeploymentId().equals(commit.getDeploymentId()),
                    WAIT).getReason().contains("source.gitCommit"));
            assertTrue(events.await(DeploymentFailed.class, e -> e.getDeploymentId().equals(nul.getDeploymentId()),
                    WAIT).getReason().contains("version"));
        }
        assertFalse(Files.exists(marker), "git ran the option");
    }

    @Test
    void aBuildPrintingNulAndControlBytesDeploysAndItsLogKeepsThem() {
        String project = project();
        DeploymentRequested request = requested(project,
                config("printf 'before\\000after\\001\\n' && mkdir -p d && cp site/index.html d/", "d", null, Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS);
                TestEvents.Reader logs = TestEvents.get().readFromNow(Topics.DEPLOYMENT_LOGS)) {
            publish(request);
            logs.await(LogChunkAppended.class, c -> c.getDeploymentId().equals(request.getDeploymentId())
                    && c.getText().contains("before\u0000after\u0001"), WAIT);
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
        }
    }

    @Test
    void linksAreNeverFollowedOutOfTheOutputDirectoryAndGitIsNeverPublished() {
        String project = project();
        DeploymentRequested request = requested(project, config("mkdir -p d && echo hi > d/index.html"
                + " && ln -s /etc/hostname d/host && ln -s index.html d/alias && ln -s /etc d/etc", "d", null,
                Map.of()));
        DeploymentRequested whole = requested(project, config("true", null, "/site/health", Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS);
                TestEvents.Reader logs = TestEvents.get().readFromNow(Topics.DEPLOYMENT_LOGS)) {
            publish(request);
            DeploymentSucceeded done = events.await(DeploymentSucceeded.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            logs.await(LogChunkAppended.class, c -> c.getDeploymentId().equals(request.getDeploymentId())
                    && c.getText().contains("left out host -> /etc/hostname"), WAIT);
            given().get(done.getEnvironmentUrl() + "alias").then().statusCode(200).body(equalTo("hi\n"));
            given().get(done.getEnvironmentUrl() + "host").then().statusCode(404);
            given().get(done.getEnvironmentUrl() + "etc/hostname").then().statusCode(404);

            publish(whole);
            DeploymentSucceeded all = events.await(DeploymentSucceeded.class,
                    e -> e.getDeploymentId().equals(whole.getDeploymentId()), WAIT);
            given().get(all.getEnvironmentUrl() + "site/index.html").then().statusCode(200);
            given().get(all.getEnvironmentUrl() + ".git/HEAD").then().statusCode(404);
        }
    }

    @Test
    void anOutputDirectoryLeadingOutOfTheWorkspaceFailsAndNothingOutsideIsTouched() throws IOException {
        String project = project();
        Path outside = Files.createDirectories(Path.of("target", "outside-" + UUID.randomUUID(), ".git"))
                .getParent().toAbsolutePath();
        Files.writeString(outside.resolve(".git/keep"), "mine");
        DeploymentRequested request = requested(project, config("ln -s " + outside + " out", "out", null, Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            DeploymentFailed failed = events.await(DeploymentFailed.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            assertEquals(Stage.UPLOAD, failed.getStage());
            assertTrue(failed.getReason().contains("leads out of the workspace"), failed.getReason());
        }
        assertEquals("mine", Files.readString(outside.resolve(".git/keep")));
    }

    @Test
    void aSourceArchiveThatUnpacksPastTheLimitFailsWithoutFillingTheDisk() throws Exception {
        String project = project();
        String archiveId = store(archive(Map.of("index.html", 10), "zeros.bin", 20_000_000L));
        String escapeId = store(archive(Map.of("../escape.html", 10), null, 0));
        DeploymentRequested bomb = fromArchive(project, archiveId);
        DeploymentRequested escape = fromArchive(project, escapeId);
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(bomb);
            publish(escape);
            DeploymentFailed failed = events.await(DeploymentFailed.class,
                    e -> e.getDeploymentId().equals(bomb.getDeploymentId()), WAIT);
            assertTrue(failed.getReason().contains("unpacks to more than 10000000 bytes (the limit:"
                    + " shiplog.max-source-bytes)"), failed.getReason());
            assertTrue(events.await(DeploymentFailed.class, e -> e.getDeploymentId().equals(escape.getDeploymentId()),
                    WAIT).getReason().contains("outside its root"));
        }
        // the run removes its workspace as it ends, just after it wrote the end
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !Files.exists(Path.of("target/pipeline/workspaces",
                bomb.getDeploymentId() + "-1")));
        assertFalse(Files.exists(Path.of("target/pipeline/workspaces/escape.html")));
    }

    static DeploymentRequested fromArchive(String project, String archiveId) {
        return DeploymentRequested.newBuilder(requested(project, config("true", ".", null, Map.of())))
                .setSource(Source.newBuilder().setArchiveId(archiveId).build()).build();
    }

    /** A .tar.gz with small files and, optionally, one large file of zeros (a few kB once compressed). */
    static byte[] archive(Map<String, Integer> small, String large, long largeSize) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var file : small.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
                entry.setSize(file.getValue());
                tar.putArchiveEntry(entry);
                tar.write(new byte[file.getValue()]);
                tar.closeArchiveEntry();
            }
            if (large != null) {
                TarArchiveEntry entry = new TarArchiveEntry(large);
                entry.setSize(largeSize);
                tar.putArchiveEntry(entry);
                byte[] zeros = new byte[1 << 20];
                for (long written = 0; written < largeSize; written += zeros.length) {
                    tar.write(zeros, 0, (int) Math.min(zeros.length, largeSize - written));
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Stores an archive as the deployment-api does: by its sha256 in the source store. */
    static String store(byte[] archive) throws Exception {
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        Files.createDirectories(Path.of("target/sources"));
        Files.write(Path.of("target/sources", id + ".tar.gz"), archive);
        return id;
    }
}
