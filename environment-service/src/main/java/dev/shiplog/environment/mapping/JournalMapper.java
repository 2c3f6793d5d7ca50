package dev.shiplog.environment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.environment.domain.Variable;
import dev.shiplog.environment.domain.state.Fact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Facts as the journal keeps them ({@code environment_journal}: a kind and a JSON payload) and back. The kinds and
 * payloads of journals written by earlier versions stay readable: {@code live} (written on DeploymentSucceeded,
 * before activations were journaled) reads as {@link Fact.WentLive}.
 */
@ApplicationScoped
public class JournalMapper {

    /** A fact as a journal row holds it. */
    public record Kinded(String kind, String payload) {
    }

    static final String CONFIGURED = "configured"; // url, settings, protected, approvalRequired, bakeSeconds
    static final String VARIABLES = "variables"; // changes: [{name, secret, value, keyId, removed}]
    static final String HEALTH = "health"; // status
    static final String SCALED = "scaled"; // deploymentId, instances, previousInstances, reason
    static final String CRASHED = "crashed"; // deploymentId, instance, exitCode, lastOutput, restartInSeconds
    static final String PINNED = "pinned"; // rollbackDeploymentId, reason, by
    static final String UNPINNED = "unpinned";
    static final String DELETED = "deleted";
    static final String ACTIVATED = "activated"; // deploymentId, artifactId, version
    static final String SUCCEEDED = "succeeded"; // deploymentId, version, artifactId
    static final String WITHDRAWN = "withdrawn"; // deploymentId
    static final String RESTORED = "restored"; // deploymentId
    static final String LIVE = "live"; // deploymentId, version, artifactId (read only: journals of earlier versions)
    static final String PROJECT = "project"; // name, repositoryUrl, defaultBranch
    static final String PROJECT_DELETED = "projectDeleted";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public JournalMapper(ObjectMapper json) {
        this.json = json;
    }

    public Kinded toJournal(Fact fact) {
        Map<String, Object> p = new LinkedHashMap<>();
        String kind;
        if (fact instanceof Fact.Configured c) {
            kind = CONFIGURED;
            p.put("url", c.url());
            p.put("settings", new TreeMap<>(c.settings()));
            p.put("protected", c.isProtected());
            p.put("approvalRequired", c.approvalRequired());
            p.put("bakeSeconds", c.bakeSeconds());
        } else if (fact instanceof Fact.VariablesChanged v) {
            kind = VARIABLES;
            List<Map<String, Object>> changes = new ArrayList<>();
            for (Fact.VariableChanged change : v.changes()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", change.name());
                c.put("secret", change.now() != null && change.now().secret());
                c.put("removed", change.now() == null);
                c.put("value", change.now() == null ? null : change.now().value());
                c.put("keyId", change.now() == null ? null : change.now().sealedWith());
                changes.add(c);
            }
            p.put("changes", changes);
        } else if (fact instanceof Fact.HealthChanged h) {
            kind = HEALTH;
            p.put("status", h.status());
        } else if (fact instanceof Fact.ApplicationScaled a) {
            kind = SCALED;
            p.put("deploymentId", a.deploymentId());
            p.put("instances", a.instances());
            p.put("previousInstances", a.previousInstances());
            p.put("reason", a.reason());
        } else if (fact instanceof Fact.ApplicationCrashed c) {
            kind = CRASHED;
            p.put("deploymentId", c.deploymentId());
            p.put("instance", c.instance());
            p.put("exitCode", c.exitCode());
            p.put("lastOutput", c.lastOutput());
            p.put("restartInSeconds", c.restartInSeconds());
        } else if (fact instanceof Fact.Pinned pin) {
            kind = PINNED;
            p.put("rollbackDeploymentId", pin.rollbackDeploymentId());
            p.put("reason", pin.reason());
            p.put("by", pin.by());
        } else if (fact instanceof Fact.Unpinned) {
            kind = UNPINNED;
        } else if (fact instanceof Fact.Deleted) {
            kind = DELETED;
        } else if (fact instanceof Fact.Activated a) {
            kind = ACTIVATED;
            p.put("deploymentId", a.deploymentId());
            p.put("artifactId", a.artifactId());
            p.put("version", a.version());
        } else if (fact instanceof Fact.Succeeded s) {
            kind = SUCCEEDED;
            p.put("deploymentId", s.deploymentId());
            p.put("version", s.version());
            p.put("artifactId", s.artifactId());
        } else if (fact instanceof Fact.Withdrawn w) {
            kind = WITHDRAWN;
            p.put("deploymentId", w.deploymentId());
        } else if (fact instanceof Fact.Restored r) {
            kind = RESTORED;
            p.put("deploymentId", r.deploymentId());
        } else if (fact instanceof Fact.WentLive l) {
            kind = LIVE;
            p.put("deploymentId", l.deploymentId());
            p.put("version", l.version());
            p.put("artifactId", l.artifactId());
        } else if (fact instanceof Fact.ProjectConfigured pc) {
            kind = PROJECT;
            p.put("name", pc.name());
            p.put("repositoryUrl", pc.repositoryUrl());
            p.put("defaultBranch", pc.defaultBranch());
        } else if (fact instanceof Fact.ProjectDeleted) {
            kind = PROJECT_DELETED;
        } else {
            throw new IllegalArgumentException("no journal kind for " + fact);
        }
        return new Kinded(kind, write(p));
    }

    /** The fact of a journal row; null for a kind this version does not know (it changes nothing). */
    @SuppressWarnings("unchecked")
    public Fact fromJournal(String kind, String payload) {
        Map<String, Object> p = read(payload);
        return switch (kind) {
            case CONFIGURED -> new Fact.Configured(text(p, "url"),
                    new TreeMap<>((Map<String, String>) p.getOrDefault("settings", Map.of())),
                    Boolean.TRUE.equals(p.get("protected")), Boolean.TRUE.equals(p.get("approvalRequired")),
                    p.get("bakeSeconds") == null ? null : ((Number) p.get("bakeSeconds")).intValue());
            case VARIABLES -> new Fact.VariablesChanged(((List<Map<String, Object>>) p.getOrDefault("changes",
                    List.of())).stream().map(JournalMapper::variable).toList());
            case HEALTH -> new Fact.HealthChanged(text(p, "status"));
            case SCALED -> new Fact.ApplicationScaled(text(p, "deploymentId"), number(p, "instances"),
                    number(p, "previousInstances"), text(p, "reason"));
            case CRASHED -> new Fact.ApplicationCrashed(text(p, "deploymentId"), number(p, "instance"),
                    number(p, "exitCode"), text(p, "lastOutput"), number(p, "restartInSeconds"));
            case PINNED -> new Fact.Pinned(text(p, "rollbackDeploymentId"), text(p, "reason"), text(p, "by"));
            case UNPINNED -> new Fact.Unpinned();
            case DELETED -> new Fact.Deleted();
            case ACTIVATED -> new Fact.Activated(text(p, "deploymentId"), text(p, "artifactId"), text(p, "version"));
            case SUCCEEDED -> new Fact.Succeeded(text(p, "deploymentId"), text(p, "version"), text(p, "artifactId"));
            case WITHDRAWN -> new Fact.Withdrawn(text(p, "deploymentId"));
            case RESTORED -> new Fact.Restored(text(p, "deploymentId"));
            case LIVE -> new Fact.WentLive(text(p, "deploymentId"), text(p, "version"), text(p, "artifactId"));
            case PROJECT -> new Fact.ProjectConfigured(text(p, "name"), text(p, "repositoryUrl"),
                    text(p, "defaultBranch"));
            case PROJECT_DELETED -> new Fact.ProjectDeleted();
            default -> null;
        };
    }

    private static Fact.VariableChanged variable(Map<String, Object> change) {
        String name = (String) change.get("name");
        if (Boolean.TRUE.equals(change.get("removed"))) {
            return new Fact.VariableChanged(name, null);
        }
        boolean secret = Boolean.TRUE.equals(change.get("secret"));
        return new Fact.VariableChanged(name, new Variable(name, secret, secret ? null : (String) change.get("value"),
                secret ? (String) change.get("keyId") : null));
    }

    private static String text(Map<String, Object> payload, String key) {
        return (String) payload.get(key);
    }

    private static int number(Map<String, Object> payload, String key) {
        return ((Number) payload.get(key)).intValue();
    }

    private String write(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> read(String payload) {
        try {
            return json.readValue(payload, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
