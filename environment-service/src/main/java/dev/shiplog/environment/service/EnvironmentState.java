package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.Environment;
import dev.shiplog.environment.domain.Variable;
import dev.shiplog.environment.repository.JournalEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An environment's state folded from its journal (the environment and project facts in the order they happened),
 * as it was at an instant: what {@code ?asOf=} answers. Pure: the same facts give the same state, however the two
 * topics they came from interleaved. The live projection keeps the same state in its tables as events come.
 */
final class EnvironmentState {

    /** The kinds of fact in the journal, and what each payload holds. */
    static final String CONFIGURED = "configured"; // url, settings, protected, approvalRequired, bakeSeconds
    static final String VARIABLES = "variables"; // changes: [{name, secret, value, keyId, removed}]
    static final String HEALTH = "health"; // status
    static final String LIVE = "live"; // deploymentId, version, artifactId
    static final String PINNED = "pinned"; // rollbackDeploymentId, reason, by
    static final String UNPINNED = "unpinned";
    static final String PROJECT = "project"; // name, repositoryUrl, defaultBranch, buildDefaults
    static final String PROJECT_DELETED = "projectDeleted";
    static final String DELETED = "deleted";

    final String projectId;
    final String name;
    String url;
    Map<String, String> settings = new TreeMap<>();
    boolean isProtected;
    boolean approvalRequired;
    Integer bakeSeconds;
    final Map<String, Variable> variables = new TreeMap<>();
    String status;
    String currentDeployment;
    String currentVersion;
    String currentArtifact;
    Environment.Pin pin;
    Instant createdAt;
    Instant updatedAt;
    boolean exists;
    boolean deleted;

    EnvironmentState(String projectId, String name) {
        this.projectId = projectId;
        this.name = name;
    }

    /** The state of every environment of the project after {@code entries}, by name. */
    static Map<String, EnvironmentState> fold(String projectId, List<JournalEntry> entries,
            java.util.function.Function<String, Map<String, Object>> payload) {
        Map<String, EnvironmentState> out = new TreeMap<>();
        for (JournalEntry entry : entries) {
            Map<String, Object> p = payload.apply(entry.payload);
            if (entry.environment == null) {
                continue; // a project's own facts; its environments have theirs (DELETED)

            }
            out.computeIfAbsent(entry.environment, n -> new EnvironmentState(projectId, n)).apply(entry.kind, p,
                    entry.occurredAt);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    void apply(String kind, Map<String, Object> p, Instant at) {
        exists = true;
        createdAt = createdAt == null || at.isBefore(createdAt) ? at : createdAt;
        updatedAt = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
        switch (kind) {
            case CONFIGURED -> {
                deleted = false;
                url = (String) p.get("url");
                settings = new TreeMap<>((Map<String, String>) p.getOrDefault("settings", Map.of()));
                isProtected = Boolean.TRUE.equals(p.get("protected"));
                approvalRequired = Boolean.TRUE.equals(p.get("approvalRequired"));
                bakeSeconds = p.get("bakeSeconds") == null ? null : ((Number) p.get("bakeSeconds")).intValue();
            }
            case VARIABLES -> {
                for (Map<String, Object> change : (List<Map<String, Object>>) p.getOrDefault("changes", List.of())) {
                    String variable = (String) change.get("name");
                    if (Boolean.TRUE.equals(change.get("removed"))) {
                        variables.remove(variable);
                    } else {
                        boolean secret = Boolean.TRUE.equals(change.get("secret"));
                        variables.put(variable, new Variable(variable, secret, secret ? null
                                : (String) change.get("value"), secret ? (String) change.get("keyId") : null));
                    }
                }
            }
            case HEALTH -> status = (String) p.get("status");
            case LIVE -> {
                currentDeployment = (String) p.get("deploymentId");
                currentVersion = (String) p.get("version");
                currentArtifact = (String) p.get("artifactId");
            }
            case PINNED -> pin = new Environment.Pin((String) p.get("rollbackDeploymentId"), (String) p.get("reason"),
                    (String) p.get("by"), at);
            case UNPINNED -> pin = null;
            case DELETED -> {
                deleted = true;
                variables.clear();
            }
            default -> {
            }
        }
    }

    List<Variable> variableList() {
        return new ArrayList<>(variables.values());
    }
}
