package dev.shiplog.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void aProblemWithErrorsIsItsStatusTitleAndOneLinePerField() {
        // given
        String body = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"The request"
                + " breaks 2 rule(s): gitUrl: is required; config.timeout: must be between 1 and 86400 seconds\","
                + "\"errors\":[{\"field\":\"gitUrl\",\"rule\":\"is required\"},{\"field\":\"config.timeout\","
                + "\"rule\":\"must be between 1 and 86400 seconds\"}]}";
        // when
        String message = Problems.describe(400, body);
        // then: the detail only repeats the errors: left out
        assertEquals("400 Bad Request\n  gitUrl: is required\n  config.timeout: must be between 1 and 86400"
                + " seconds", message);
    }

    @Test
    void aProblemWithoutErrorsIsItsDetail() {
        assertEquals("409 Conflict: the environment is pinned", Problems.describe(409,
                "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"the environment is pinned\"}"));
    }

    @Test
    void aDetailSayingMoreThanTheErrorsIsKept() {
        String message = Problems.describe(422, "{\"title\":\"Unprocessable\",\"detail\":\"same key, other body\","
                + "\"errors\":[{\"field\":\"Idempotency-Key\",\"message\":\"was used\"}]}");
        assertEquals("422 Unprocessable: same key, other body\n  Idempotency-Key: was used", message);
    }

    @Test
    void anAnswerThatIsNotJsonIsShownCutShortAndPrintable() {
        assertEquals("502: <html>bad\u0000gateway?[31m</html>".replace("\u0000", "?"),
                Problems.describe(502, "<html>bad\u0000gateway\u001b[31m</html>"));
        assertEquals("404", Problems.describe(404, ""));
        assertTrue(Problems.describe(500, "x".repeat(1000)).length() < 320);
    }
}
