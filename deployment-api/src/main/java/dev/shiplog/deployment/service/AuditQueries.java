package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.AuditEntry;
import dev.shiplog.deployment.domain.AuditPage;
import dev.shiplog.deployment.repository.AuditEntryEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The audit trail, newest first, paged, filtered by actor and action: a project's (maintainers), or all (admins). */
@ApplicationScoped
public class AuditQueries {

    private final AccessGuard access;

    public AuditQueries(AccessGuard access) {
        this.access = access;
    }

    public AuditPage ofProject(Caller caller, String projectId, String actor, String action, int page, int size) {
        List<Violation> violations = filters(actor, action);
        if (FieldRules.name(projectId) != null) {
            violations.add(new Violation("projectId", FieldRules.NAME_RULE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        access.authorize(caller, projectId, Role.MAINTAINER, "reading the project's audit trail");
        return page("projectId", projectId, actor, action, page, size);
    }

    public AuditPage all(Caller caller, String projectId, String actor, String action, int page, int size) {
        List<Violation> violations = filters(actor, action);
        if (projectId != null && FieldRules.name(projectId) != null) {
            violations.add(new Violation("projectId", FieldRules.NAME_RULE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        access.requireInstanceAdminToRead(caller, "the audit trail of the whole instance");
        return page(projectId == null ? null : "projectId", projectId, actor, action, page, size);
    }

    private static List<Violation> filters(String actor, String action) {
        List<Violation> violations = new ArrayList<>();
        if (actor != null && FieldRules.line(actor, FieldRules.ACTOR) != null) {
            violations.add(new Violation("actor", FieldRules.line(actor, FieldRules.ACTOR)));
        }
        if (action != null && FieldRules.line(action, FieldRules.ACTION) != null) {
            violations.add(new Violation("action", FieldRules.line(action, FieldRules.ACTION)));
        }
        return violations;
    }

    private static AuditPage page(String field, String value, String actor, String action, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (field != null) {
            where.add(field + " = :value");
            parameters.and("value", value);
        }
        if (actor != null) {
            where.add("actor = :actor");
            parameters.and("actor", actor);
        }
        if (action != null) {
            where.add("action = :action");
            parameters.and("action", action);
        }
        var found = where.isEmpty()
                ? AuditEntryEntity.<AuditEntryEntity>findAll(Sort.descending("at", "eventId"))
                : AuditEntryEntity.<AuditEntryEntity>find(String.join(" and ", where),
                        Sort.descending("at", "eventId"), parameters);
        return new AuditPage(found.page(Page.of(page, size)).list().stream()
                .map(e -> new AuditEntry(e.eventId, e.at, e.actor, e.actorRole, e.actorCredential, e.action,
                        e.outcome, e.projectId, e.environment, e.target, e.detail))
                .toList(), page, size, found.count());
    }
}
