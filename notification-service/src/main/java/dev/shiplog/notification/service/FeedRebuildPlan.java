package dev.shiplog.notification.service;

import dev.shiplog.kit.rebuild.RebuildPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/** A rebuilt feed says what the live one says; only when each row was written differs. */
@ApplicationScoped
public class FeedRebuildPlan implements RebuildPlan {

    @Override
    public Map<String, Set<String>> ignoredColumns() {
        return Map.of("notification", Set.of("created_at"));
    }
}
