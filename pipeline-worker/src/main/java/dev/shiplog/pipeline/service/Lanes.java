package dev.shiplog.pipeline.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.pipeline.domain.lane.Entry;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads of the lanes, for operators and anyone with a role in the project. */
@ApplicationScoped
public class Lanes {

    private final AccessGuard access;

    public Lanes(AccessGuard access) {
        this.access = access;
    }

    /** The environment's unfinished deployments in line order. */
    public List<Entry> lane(Caller caller, String projectId, String environment) {
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
        access.requireToRead(caller, projectId);
        return LaneEntryEntity.<LaneEntryEntity>list("projectId = ?1 and environment = ?2 and state <> 'finished'"
                + " order by position", projectId, environment).stream().map(LaneStore::toEntry).toList();
    }
}
