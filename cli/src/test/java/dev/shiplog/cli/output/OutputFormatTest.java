package dev.shiplog.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aTableIsAlignedWithEmptyCellsShownAsADashAndNoTrailingSpaces() {
        String table = Table.format(List.of("NAME", "VERSION", "URL"),
                List.of(List.of("staging", "v12", ""), List.of("production", "", "http://x")));
        assertEquals("NAME        VERSION  URL\n"
                + "staging     v12      -\n"
                + "production  -        http://x\n", table);
    }

    @Test
    void fieldsLeaveOutWhatIsEmpty() {
        assertEquals("id      7\nstatus  success\n", Table.fields(List.of(List.of("id", "7"),
                List.of("reason", ""), List.of("status", "success"))));
    }

    @Test
    void escapeSequencesAndOtherControlCharactersNeverReachTheTerminal() {
        assertEquals("?[2J?]0;title?ok\n\tdone?", Text.safe("\u001b[2J\u001b]0;title\u0007ok\n\tdone\r"));
        assertEquals("a b c", Text.oneLine("a\nb\tc"));
        assertEquals("abc?cba", Text.safe("abc\u202ecba"));
    }

    @Test
    void aDeploymentIsShownFieldByFieldWithItsStagesAndTheFirstLineOfItsReason() throws Exception {
        JsonNode d = json("{\"id\":\"d1\",\"projectId\":\"shop\",\"environment\":\"staging\",\"status\":\"failed\","
                + "\"version\":\"v2\",\"gitUrl\":\"/tmp/shiplog-git/shop\",\"gitCommit\":\"abc123\","
                + "\"stages\":[{\"stage\":\"build\",\"status\":\"failed\"}],\"initiatedBy\":\"admin\","
                + "\"requestedAt\":\"2026-01-01T00:00:00Z\",\"failureReason\":\"build exited with 3\\n--- last output"
                + " ---\\nbroken\",\"deploymentUrl\":null}");
        assertEquals(List.of(List.of("deployment", "d1"), List.of("project", "shop / staging"),
                List.of("status", "failed"), List.of("kind", ""), List.of("version", "v2"), List.of("restores", ""),
                List.of("source", "/tmp/shiplog-git/shop @ abc123"), List.of("stages", "build failed"),
                List.of("requested", "2026-01-01T00:00:00Z by admin"), List.of("completed", ""), List.of("url", ""),
                List.of("environment url", ""), List.of("reason", "build exited with 3")), Views.deployment(d));
        assertEquals("failed: d1: build exited with 3", Views.outcome(d));
    }

    @Test
    void aSuccessSaysWhereItIsLive() throws Exception {
        assertEquals("success: d2 (v3) is live at http://127.0.0.1:8080/sites/shop/staging/", Views.outcome(json(
                "{\"id\":\"d2\",\"status\":\"success\",\"version\":\"v3\","
                        + "\"environmentUrl\":\"http://127.0.0.1:8080/sites/shop/staging/\"}")));
    }

    @Test
    void environmentsAndReleasesBecomeRows() throws Exception {
        assertEquals(List.of(List.of("staging", "v1", "d1", "healthy", "no", "yes")), Views.environments(json(
                "[{\"name\":\"staging\",\"currentVersion\":\"v1\",\"currentDeployment\":\"d1\",\"status\":\"healthy\","
                        + "\"protected\":false,\"pin\":{\"rollbackDeploymentId\":\"d1\"}}]")));
        assertEquals(List.of(List.of("d3", "rollback", "v1", "t3", "yes", "", "yes"),
                List.of("d2", "build", "v2", "t2", "no", "rolled_back", "yes")), Views.releases(json(
                        "{\"releases\":[{\"deploymentId\":\"d3\",\"kind\":\"rollback\",\"version\":\"v1\","
                                + "\"activatedAt\":\"t3\",\"live\":true,\"restorable\":true},{\"deploymentId\":\"d2\","
                                + "\"kind\":\"build\",\"version\":\"v2\",\"activatedAt\":\"t2\",\"live\":false,"
                                + "\"ended\":\"rolled_back\",\"restorable\":true}]}")));
    }
}
