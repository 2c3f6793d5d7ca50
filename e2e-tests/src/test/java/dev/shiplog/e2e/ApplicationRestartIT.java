package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestGitRepo;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The worker killed (kill -9) under a running server application: no process of it outlives the worker, and the
 * worker started again runs the live release again, as the log says. Alone ({@code @Isolated}): it kills a component.
 */
@Isolated
class ApplicationRestartIT {

    @Test
    void aKilledWorkerLeavesNoApplicationBehindAndItsReturnRunsTheLiveReleaseAgain() throws Exception {
        String project = "app-restart-" + UUID.randomUUID().toString().substring(0, 8);
        Platform.environment(project, "staging", "{\"settings\": {\"scaling\": {\"instances\": 2}}}");
        try (TestGitRepo repo = TestGitRepo.create(project, ApplicationsIT.FILES)) {
            String id = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"startCommand\":"
                    + " \"node server.js\", \"environmentVariables\": {\"APP_VERSION\": \"1\"}}}", project);
            JsonPath done = Platform.finished(id, Platform.WAIT);
            assertEquals("success", done.getString("status"), done.prettify());
            String url = done.getString("environmentUrl");
            assertTrue(ApplicationsIT.processesOf(id) >= 2, "its instances run in their control groups");

            Components.kill9("pipeline-worker");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(url).statusCode() != 200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ApplicationsIT.processesOf(id) == 0);
            Components.up("pipeline-worker");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().get(url).asString()
                    .startsWith("version=1 release=" + id));

            // the environment serves a site again: the application stops, nothing of it is left
            JsonPath site = Platform.finished(Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\":"
                    + " \"staging\", \"version\": \"site\", \"gitUrl\": \"" + repo.path() + "\"}", project + "-site"),
                    Platform.WAIT);
            assertEquals("success", site.getString("status"), site.prettify());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ApplicationsIT.processesOf(id) == 0);
        }
    }
}
