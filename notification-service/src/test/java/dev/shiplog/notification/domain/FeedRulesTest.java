package dev.shiplog.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.rules.FieldRules;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a project's feed: the plain list's parameters, and what a reader has read. */
class FeedRulesTest {

    @Test
    void theListNeedsAProjectAndTakes50UnlessToldOneTo500() {
        assertEquals(new FeedRules.Latest(50, List.of()), FeedRules.latest("shop", null));
        assertEquals(new FeedRules.Latest(500, List.of()), FeedRules.latest("shop", " 500 "));
        assertEquals(new FeedRules.Latest(1, List.of()), FeedRules.latest("shop", "1"));
    }

    @Test
    void aMissingOrMalformedProjectAndABadLimitAreRefusedTogether() {
        Violation limit = new Violation("limit", "must be a whole number between 1 and 500");
        assertEquals(List.of(new Violation("projectId", "is required")), FeedRules.latest(null, null).violations());
        assertEquals(List.of(new Violation("projectId", FieldRules.NAME_RULE), limit),
                FeedRules.latest("Not_A_Project", "many").violations());
        for (String bad : List.of("0", "501", "-3", "2.5", "")) {
            assertEquals(List.of(limit), FeedRules.latest("shop", bad).violations(), bad);
        }
    }

    @Test
    void aReaderHasReadWhatHappenedUpToTheirMark() {
        Instant mark = Instant.parse("2026-12-01T12:00:00Z");
        assertTrue(FeedRules.read(mark.minusSeconds(1), mark));
        assertTrue(FeedRules.read(mark, mark));
        assertFalse(FeedRules.read(mark.plusMillis(1), mark));
        assertFalse(FeedRules.read(mark, null));
    }
}
