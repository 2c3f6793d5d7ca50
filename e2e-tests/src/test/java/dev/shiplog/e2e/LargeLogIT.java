package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A build that prints a huge log still streams it, and no service runs out of memory: the services run with
 * {@code -Xmx256m} (as ./shiplog starts them), and the whole output must arrive, in order, in the logs API. 25 MB in
 * {@code ./shiplog test} (a hundred times the heap's share for one log chunk), 100 MB in {@code ./shiplog soak}
 * ({@code shiplog.largelog.bytes}).
 */
class LargeLogIT {

    static final long BYTES = Long.getLong("shiplog.largelog.bytes", 25_000_000L);
    static final Duration WAIT = Duration.ofMinutes(5);

    @Test
    void aBuildPrintingAHugeLogStreamsItAndEveryServiceStaysUp() {
        String project = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        dev.shiplog.testing.TestGitRepo repo = dev.shiplog.testing.TestGitRepo.create(
                project, Map.of("out/index.html", "<h1>loud</h1>\n"));
        given().contentType(ContentType.JSON).body("{}")
                .put(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/staging")
                .then().statusCode(202);
        // 1,000,000 lines of 99 characters and a newline, then a last line to find
        String build = "head -c " + BYTES + " /dev/zero | tr '\\\\0' x | fold -w 99 && echo the-very-end";
        String body = "{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"1\","
                + " \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"" + build + "\","
                + " \"outputDirectory\": \"out\", \"timeout\": 600}}";
        String id = Platform.deploy(body, "loud");

        JsonPath deployment = Platform.finished(id, WAIT);
        assertEquals("success", deployment.getString("status"), deployment.prettify());

        // the whole log reached the logs API: page through it and count
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            long after = -1;
            long stdout = 0;
            boolean end = false;
            while (true) {
                JsonPath page = given().get(Platform.DEPLOYMENT_API + "/api/deployments/" + id
                        + "/logs?after=" + after + "&limit=1000").then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> chunks = page.getList("chunks");
                if (chunks.isEmpty()) {
                    break;
                }
                for (Map<String, Object> chunk : chunks) {
                    String text = (String) chunk.get("text");
                    if ("stdout".equals(chunk.get("stream"))) {
                        stdout += text.length();
                    }
                    end |= text.contains("the-very-end");
                }
                after = page.getLong("next");
            }
            assertTrue(end, "the last line arrived");
            assertTrue(stdout >= BYTES, "stdout characters in the log: " + stdout);
        });
        for (String service : Platform.SERVICES) {
            given().get(service + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }
    }
}
