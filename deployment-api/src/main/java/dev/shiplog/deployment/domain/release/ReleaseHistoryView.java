package dev.shiplog.deployment.domain.release;

import dev.shiplog.schema.rules.ReleaseLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An environment's release history as the releases view shows it: every release that went live (a withdrawn one
 * never served), newest first, a page at a time; which one is live is {@link ReleaseLine}'s answer.
 */
public final class ReleaseHistoryView {

    /** The releases that went live, newest first. */
    public static List<ReleaseLine.Release> newestFirst(ReleaseLine line) {
        List<ReleaseLine.Release> served = new ArrayList<>(line.releases().stream().filter(r -> !r.withdrawn())
                .toList());
        Collections.reverse(served);
        return served;
    }

    /** Page {@code page} (from 0) of {@code size} of them. */
    public static List<ReleaseLine.Release> page(ReleaseLine line, int page, int size) {
        List<ReleaseLine.Release> all = newestFirst(line);
        long from = (long) page * size;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + size));
    }

    private ReleaseHistoryView() {
    }
}
