package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.StageCompleted;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.testing.Infra;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestEvents;
import dev.shiplog.testing.TestGitRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two pipeline-worker instances share the lanes (one consumer group, one database, one machine's work directory):
 * more deployments than both have threads for, in four environments, two of them building the same new artifact at
 * the same moments; then one instance is killed -9. Every deployment succeeds, no environment ever runs two at once
 * or out of order, equal artifacts get equal versions, and both instances did some of the work.
 */
class TwoWorkersIT {

    static final int PORT = 8092;

    @Test
    void twoInstancesShareTheLanesNeverRunAnEnvironmentTwiceAndTakeOverFromEachOther() throws Exception {
        Process process = startSecondWorker();
        try {
            String project = "two-" + UUID.randomUUID().toString().substring(0, 8);
            TestGitRepo repo = TestGitRepo.create(project,
                    Map.of("README", "two workers\n"));
            // both instances in the group, and environments on every partition: each instance has lanes to run
            awaitBothInstancesInTheGroup();
            List<String> environments = onEveryPartition(project);
            environments.forEach(e -> Platform.environment(project, e, "{}"));
            Map<String, String> versions = new HashMap<>();
            // the second instance is killed -9 in the middle of a build of its own (seen on the log, as the
            // submissions go on or after them): what it ran is taken over by the first instance
            boolean killed = false;
            Set<String> interrupted = new HashSet<>();
            String secondId = ":" + process.pid() + ":";
            try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
                BuildsOf second = new BuildsOf(secondId, project, events);
                for (int round = 0; round < 3; round++) {
                    for (String environment : environments) {
                        // the first two build the same content each round: the same new artifact at the same moment
                        String content = environments.indexOf(environment) < 2 ? "same-" + round
                                : environment + "-" + round;
                        versions.put(Platform.deploy(body(project, environment, round, content, repo),
                                project + "-" + environment + "-" + round), content);
                        if (!killed && second.building()) {
                            process.destroyForcibly().waitFor();
                            interrupted.addAll(second.running);
                            killed = true;
                        }
                    }
                }
                if (!killed) {
                    await().atMost(Duration.ofSeconds(90)).until(second::building);
                    process.destroyForcibly().waitFor();
                    interrupted.addAll(second.running);
                }
            }

            List<String> failed = new ArrayList<>();
            versions.keySet().forEach(id -> {
                String status = Platform.finished(id, Duration.ofMinutes(5)).getString("status");
                if (!status.equals("success")) {
                    failed.add(id + " " + status);
                }
            });
            assertTrue(failed.isEmpty(), "not successful: " + failed);

            Map<String, List<SpecificRecord>> logs = ChaosIT.readLog(project);
            Set<String> workers = new HashSet<>();
            Map<String, Integer> versionOf = new HashMap<>();
            for (String environment : environments) {
                ChaosIT.assertInOrderOneAtATime(environment, logs.get(environment));
                for (SpecificRecord event : logs.get(environment)) {
                    if (event instanceof StageStarted s) {
                        workers.add(s.getWorker());
                    } else if (event instanceof ArtifactStored a) {
                        Integer other = versionOf.putIfAbsent(a.getArtifactId(), a.getArtifactVersion());
                        assertTrue(other == null || other == a.getArtifactVersion(),
                                "artifact " + a.getArtifactId() + " got versions " + other + " and "
                                        + a.getArtifactVersion());
                    }
                }
            }
            assertTrue(workers.size() >= 2, "the work of one instance only: " + workers);
            // each build the killed instance was in the middle of was run again, to its end, by the other
            for (String id : interrupted) {
                String lastBuilder = logs.values().stream().flatMap(List::stream)
                        .filter(e -> e instanceof StageStarted s && s.getDeploymentId().equals(id)
                                && s.getStage() == Stage.BUILD)
                        .map(e -> ((StageStarted) e).getWorker()).reduce((a, b) -> b).orElse("");
                assertTrue(!lastBuilder.contains(secondId), id + " last built by the killed instance " + lastBuilder);
            }
            assertEquals(9, versionOf.size(), "distinct artifacts: " + versionOf);
            System.out.printf("two workers: %d deployments over %d environments, run by %d instances (one killed"
                    + " -9 in %d build(s), taken over), %d distinct artifacts%n", versions.size(), environments.size(),
                    workers.size(), interrupted.size(), versionOf.size());
        } finally {
            process.destroyForcibly();
        }
    }

    static String body(String project, String environment, int round, String content, TestGitRepo repo) {
        return "{\"projectId\": \"" + project + "\", \"environment\": \"" + environment + "\", \"version\": \""
                + round + "\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\":"
                + " \"sleep 2 && mkdir -p d && echo $C > d/index.html\", \"outputDirectory\": \"d\","
                + " \"environmentVariables\": {\"C\": \"" + content + "\"}}}";
    }

    /** Which builds of one project's deployments an instance is running, as the log tells it. */
    static final class BuildsOf {
        private final String worker;
        private final String project;
        private final TestEvents.Reader events;
        final Set<String> running = new HashSet<>();

        BuildsOf(String worker, String project, TestEvents.Reader events) {
            this.worker = worker;
            this.project = project;
            this.events = events;
        }

        /** True while the instance runs a build of the project (what the log says up to its end now). */
        boolean building() {
            for (SpecificRecord event : events.readToEnd(r -> r.key() != null && r.key().startsWith(project + "/"))) {
                if (event instanceof StageStarted s && s.getStage() == Stage.BUILD
                        && s.getWorker().contains(worker)) {
                    running.add(s.getDeploymentId());
                } else if (event instanceof StageCompleted c && c.getStage() == Stage.BUILD) {
                    running.remove(c.getDeploymentId());
                }
            }
            return !running.isEmpty();
        }
    }

    static final String GROUP = "pipeline-worker.scheduler";

    /** Until the lanes' consumer group has two members, each with partitions of the deployment events. */
    static void awaitBothInstancesInTheGroup() throws Exception {
        try (Admin kafka = Admin.create(new HashMap<>(AccessMatrixIT.adminClient()))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                ConsumerGroupDescription group = kafka.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                return group.members().size() == 2 && group.members().stream().allMatch(m -> m.assignment()
                        .topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.DEPLOYMENT_EVENTS.name())));
            });
        }
    }

    /**
     * Four environment names whose keys cover every partition of the deployment events (the broker's default
     * partitioner: murmur2 of the key), so whichever instance owns a partition has lanes of this test to run.
     */
    static List<String> onEveryPartition(String project) throws Exception {
        int partitions;
        try (Admin kafka = Admin.create(new HashMap<>(AccessMatrixIT.adminClient()))) {
            partitions = kafka.describeTopics(List.of(Topics.DEPLOYMENT_EVENTS.name())).allTopicNames().get()
                    .get(Topics.DEPLOYMENT_EVENTS.name()).partitions().size();
        }
        Map<Integer, String> byPartition = new java.util.TreeMap<>();
        List<String> extra = new ArrayList<>();
        for (int i = 0; byPartition.size() < partitions || byPartition.size() + extra.size() < 4; i++) {
            String environment = "env-" + i;
            int partition = Utils.toPositive(Utils.murmur2(Topics.environmentKey(project, environment)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
            if (byPartition.putIfAbsent(partition, environment) != null && byPartition.size() + extra.size() < 4) {
                extra.add(environment);
            }
        }
        List<String> out = new ArrayList<>(byPartition.values());
        out.addAll(extra);
        return out.subList(0, Math.max(4, partitions));
    }

    /** A second instance of the packaged pipeline-worker, on its own port, sharing everything else. */
    static Process startSecondWorker() throws IOException {
        Path root = Components.ROOT;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + PORT, "-jar",
                root.resolve("pipeline-worker/target/quarkus-app/quarkus-run.jar").toString())
                .directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("e2e-tests/target/second-worker.log").toFile());
        // the credentials ./shiplog gives the first worker, from .shiplog/secrets
        Path secrets = TestAuth.platformSecrets();
        builder.environment().put("SHIPLOG_KAFKA_USER", "pipeline-worker");
        builder.environment().put("SHIPLOG_KAFKA_PASSWORD",
                java.nio.file.Files.readString(secrets.resolve("kafka-pipeline-worker-password")).trim());
        builder.environment().put("SHIPLOG_DB_PASSWORD", Infra.DB_PASSWORD);
        builder.environment().put("SHIPLOG_ADMIN_TOKEN_SHA256", TestAuth.adminSha256());
        builder.environment().put("SHIPLOG_JWT_PUBLIC_KEY", secrets.resolve("jwt-public.pem").toString());
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> given()
                .get("http://127.0.0.1:" + PORT + "/q/health/ready").statusCode() == 200);
        return process;
    }
}
