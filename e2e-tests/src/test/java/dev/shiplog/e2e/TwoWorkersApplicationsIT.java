package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestGitRepo;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A server application on two pipeline-worker instances of one machine. Alone ({@code @Isolated}): a second worker
 * takes lanes of every environment, so other classes' deployments would wait on its stop. In the soak ring.
 */
@Isolated
class TwoWorkersApplicationsIT {

    static final int PORT = TwoWorkersIT.PORT;

    /**
     * Each worker of a machine runs its own instances of an environment's application (the links are shared, the
     * processes are not): whichever worker deploys a new version, both serve it soon after, and neither fails a
     * request meanwhile (each serves the version it ran until its own copy of the new one listens). In the soak ring.
     */
    @Test
    @org.junit.jupiter.api.Tag("soak")
    void bothWorkersServeAnApplicationAndSwitchWithoutAFailedRequest() throws Exception {
        Process process = TwoWorkersIT.startSecondWorker();
        String project = "two-app-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> workers = List.of("http://127.0.0.1:8082", "http://127.0.0.1:" + PORT);
        java.util.concurrent.ConcurrentLinkedQueue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean asking = new java.util.concurrent.atomic.AtomicBoolean(false);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        Thread client = new Thread(() -> {
            while (asking.get()) {
                for (String worker : workers) {
                    try {
                        var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(worker
                                + "/sites/" + project + "/staging/")).timeout(Duration.ofSeconds(10)).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200 || !answer.body().startsWith("version=")) {
                            failures.add(worker + ": " + answer.statusCode() + " " + answer.body());
                        }
                    } catch (IOException e) {
                        failures.add(worker + ": " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        try (TestGitRepo repo = TestGitRepo.create(project, ApplicationsIT.FILES)) {
            Platform.environment(project, "staging", "{}");
            String first = Platform.deploy(app(project, repo, "1"), project + "-1");
            assertEquals("success", Platform.finished(first, Platform.WAIT).getString("status"));
            for (String worker : workers) {
                serves(worker, project, "version=1");
            }
            asking.set(true);
            client.start();
            String second = Platform.deploy(app(project, repo, "2"), project + "-2");
            assertEquals("success", Platform.finished(second, Platform.WAIT).getString("status"));
            for (String worker : workers) {
                serves(worker, project, "version=2");
            }
            asking.set(false);
            client.join();
            assertTrue(failures.isEmpty(), failures.size() + " failed requests: " + failures);
            // the first version stopped on both workers
            await().atMost(Duration.ofSeconds(30)).until(() -> ApplicationsIT.processesOf(first) == 0);
            String site = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"site\", \"gitUrl\": \"" + repo.path() + "\"}", project + "-site");
            assertEquals("success", Platform.finished(site, Platform.WAIT).getString("status"));
            await().atMost(Duration.ofSeconds(30)).until(() -> ApplicationsIT.processesOf(second) == 0);
        } finally {
            asking.set(false);
            process.destroy(); // SIGTERM: its lanes are let go, its applications stop with it
            process.waitFor();
        }
    }

    /** Awaits the worker answering the environment's URL with {@code body...}; fails with its last answer. */
    static void serves(String worker, String project, String body) {
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                var answer = given().get(worker + "/sites/" + project + "/staging/");
                last.set(answer.statusCode() + " " + answer.getHeader("X-Shiplog-Release") + " " + answer.asString());
                return answer.asString().startsWith(body);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(worker + " never answered " + body + "; last: " + last.get(), e);
        }
    }

    static String app(String project, TestGitRepo repo, String version) {
        return "{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"" + version
                + "\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"startCommand\": \"node server.js\","
                + " \"environmentVariables\": {\"APP_VERSION\": \"" + version + "\"}}}";
    }

}
