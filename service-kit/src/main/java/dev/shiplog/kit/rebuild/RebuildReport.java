package dev.shiplog.kit.rebuild;

import java.util.Map;

/**
 * What a rebuild did: how many events it replayed and how fast, the rows that differ between the live projection and
 * the rebuilt one (per table: rows only in the live one, rows only in the rebuilt one), and whether it switched.
 */
public record RebuildReport(String schema, long events, long skipped, long millis, long eventsPerSecond,
        Map<String, Difference> differences, boolean identical, boolean switched) {

    /** Rows of one table found on one side only. */
    public record Difference(long onlyLive, long onlyRebuilt) {
    }
}
