package dev.shiplog.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Given a raw request path, then whether it is refused before any route, and how a log shows it. */
class RequestPathsTest {

    @Test
    void controlCharactersRawOrEncodedAreRefused() {
        for (String path : new String[] { "/sites/p/e/a%00b", "/sites/p/e/%0d%0aforged", "/sites/p/e/%1B[31m",
                "/sites/p/e/%7f", "/api/projects/a\u0001b", "/sites/p/e/%0A" }) {
            assertEquals(RequestPaths.CONTROL, RequestPaths.refusal(path), path);
        }
    }

    @Test
    void dotSegmentsRawOrEncodedAreRefusedAndDotsInNamesAreNot() {
        for (String path : new String[] { "/api/projects/p/environments/e/variables/..", "/api/x/%2e%2e",
                "/api/x/%2E%2e/y", "/api/x/./y", "/api/x/%2e", "/sites/p/e/../../etc/passwd" }) {
            assertEquals(RequestPaths.DOT_SEGMENT, RequestPaths.refusal(path), path);
        }
        for (String path : new String[] { "/sites/p/e/index.html", "/sites/p/e/.well-known/x", "/sites/p/e/a..b",
                "/api/projects/p", "/", "/sites/p/e/%20space" }) {
            assertNull(RequestPaths.refusal(path), path);
        }
    }

    @Test
    void aLogShowsAPathEscapedAndBounded() {
        assertEquals("/a\\u0000b\\u000d\\u000aforged \\u202e", RequestPaths.forLog("/a\u0000b\r\nforged \u202e"));
        String logged = RequestPaths.forLog("/" + "x".repeat(1000));
        assertTrue(logged.length() <= RequestPaths.MAX_LOGGED + 3, "" + logged.length());
        assertTrue(logged.endsWith("..."));
    }
}
