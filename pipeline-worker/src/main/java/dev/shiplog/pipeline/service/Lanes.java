package dev.shiplog.pipeline.service;

import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.pipeline.lane.Entry;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads of the lanes, for operators. */
@ApplicationScoped
public class Lanes {

    /** The environment's unfinished deployments in line order. */
    public List<Entry> lane(String projectId, String environment) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        if (FieldRules.name(projectId) != null) {
            violations.add(new InvalidInputException.Violation("projectId", FieldRules.NAME_RULE));
        }
        if (FieldRules.name(environment) != null) {
            violations.add(new InvalidInputException.Violation("environment", FieldRules.NAME_RULE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return LaneEntryEntity.<LaneEntryEntity>list("projectId = ?1 and environment = ?2 and state <> 'finished'"
                + " order by position", projectId, environment).stream().map(LaneStore::toEntry).toList();
    }
}
