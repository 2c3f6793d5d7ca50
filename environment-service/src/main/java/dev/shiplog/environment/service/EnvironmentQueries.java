package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.Comparison;
import dev.shiplog.environment.domain.Environment;
import dev.shiplog.environment.domain.Variable;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.DeploymentReleaseEntity;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.repository.JournalEntry;
import dev.shiplog.environment.repository.VariableEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.kit.secrets.SecretUnavailableException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.SealedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads of the environments: as they are now (the projection), as they were at an instant ({@code asOf}: folded from
 * the journal, the log's facts in the order they happened), and two of them compared. A secret is never shown.
 */
@ApplicationScoped
public class EnvironmentQueries {

    private final EnvironmentMapper mapper;
    private final AccessGuard access;
    private final Journal journal;
    private final SecretBox secrets;

    public EnvironmentQueries(EnvironmentMapper mapper, AccessGuard access, Journal journal, SecretBox secrets) {
        this.mapper = mapper;
        this.access = access;
        this.journal = journal;
        this.secrets = secrets;
    }

    /** The environments of {@code projectId}, by name, for anyone with a role in it; at {@code asOf} if given. */
    @Transactional
    public List<Environment> ofProject(Caller caller, String projectId, String asOf) {
        EnvironmentValidator.checkProject(projectId);
        Instant at = instant(asOf);
        access.requireToRead(caller, projectId);
        if (at != null) {
            return past(projectId, at).values().stream().filter(s -> !s.deleted).map(this::toDomain).toList();
        }
        return EnvironmentEntity.ofProject(projectId).stream().map(this::toDomain).toList();
    }

    /** One environment, or {@link NotFoundException}; at {@code asOf} if given. */
    @Transactional
    public Environment one(Caller caller, String projectId, String environment, String asOf) {
        EnvironmentValidator.checkNames(projectId, environment);
        Instant at = instant(asOf);
        access.requireToRead(caller, projectId);
        if (at != null) {
            EnvironmentState state = past(projectId, at).get(environment);
            if (state == null || state.deleted) {
                throw new NotFoundException("No environment " + environment + " in project " + projectId + " at "
                        + at);
            }
            return toDomain(state);
        }
        EnvironmentEntity found = EnvironmentEntity.find(projectId, environment);
        if (found == null || found.deletedAt != null) {
            throw new NotFoundException("No environment " + environment + " in project " + projectId);
        }
        return toDomain(found);
    }

    /** The state of every environment of the project at {@code at}, from the journal. */
    private Map<String, EnvironmentState> past(String projectId, Instant at) {
        return EnvironmentState.fold(projectId, JournalEntry.upTo(projectId, at), journal::payload);
    }

    /**
     * What differs between two environments of a project: settings and variables (secrets compared by what they
     * hold, never shown), what is live on each, and the commits between them when both came from git.
     */
    @Transactional
    public Comparison compare(Caller caller, String projectId, String from, String to) {
        if (from == null || to == null) {
            throw new InvalidInputException(from == null ? "from" : "to", "is required (an environment's name)");
        }
        EnvironmentValidator.checkNames(projectId, from);
        EnvironmentValidator.checkNames(projectId, to);
        access.requireToRead(caller, projectId);
        EnvironmentEntity a = existing(projectId, from);
        EnvironmentEntity b = existing(projectId, to);
        Map<String, String> settingsA = mapper.settings(a.settingsJson);
        Map<String, String> settingsB = mapper.settings(b.settingsJson);
        List<Comparison.SettingDifference> settings = new ArrayList<>();
        for (String key : union(settingsA.keySet(), settingsB.keySet())) {
            if (!Objects.equals(settingsA.get(key), settingsB.get(key))) {
                settings.add(new Comparison.SettingDifference(key, settingsA.get(key), settingsB.get(key)));
            }
        }
        Map<String, VariableEntity> varsA = byName(VariableEntity.of(projectId, from));
        Map<String, VariableEntity> varsB = byName(VariableEntity.of(projectId, to));
        List<Comparison.VariableDifference> variables = new ArrayList<>();
        for (String name : union(varsA.keySet(), varsB.keySet())) {
            VariableEntity va = varsA.get(name);
            VariableEntity vb = varsB.get(name);
            boolean secret = (va != null && va.secret) || (vb != null && vb.secret);
            if (va == null || vb == null) {
                variables.add(new Comparison.VariableDifference(name, secret, secret || va == null ? null : va.value,
                        secret || vb == null ? null : vb.value, vb == null, va == null));
            } else if (!same(va, vb)) {
                variables.add(new Comparison.VariableDifference(name, secret, secret ? null : va.value,
                        secret ? null : vb.value, false, false));
            }
        }
        DeploymentReleaseEntity liveA = a.currentDeploymentId == null ? null
                : DeploymentReleaseEntity.findById(a.currentDeploymentId);
        DeploymentReleaseEntity liveB = b.currentDeploymentId == null ? null
                : DeploymentReleaseEntity.findById(b.currentDeploymentId);
        List<Comparison.Commit> commits = null;
        String note;
        if (liveA == null || liveB == null || liveA.gitCommit == null || liveB.gitCommit == null) {
            note = "both environments must have a live release built from git";
        } else if (liveA.gitCommit.equals(liveB.gitCommit)) {
            commits = List.of();
            note = "the same commit is live on both";
        } else {
            commits = between(mapper.history(liveB.historyJson), liveA.gitCommit);
            note = commits != null ? to + " is " + commits.size() + " commit(s) ahead of " + from : null;
            if (commits == null) {
                List<Comparison.Commit> behind = between(mapper.history(liveA.historyJson), liveB.gitCommit);
                if (behind != null) {
                    commits = behind;
                    note = from + " is " + behind.size() + " commit(s) ahead of " + to;
                } else {
                    note = "no common history in the last commits of either: they are on different lines";
                }
            }
        }
        return new Comparison(side(from, a, liveA), side(to, b, liveB), settings, variables, commits, note);
    }

    /** The commits of {@code history} (newest first) before {@code since} is reached; null if it never is. */
    static List<Comparison.Commit> between(List<Comparison.Commit> history, String since) {
        List<Comparison.Commit> out = new ArrayList<>();
        for (Comparison.Commit commit : history) {
            if (commit.sha().equals(since)) {
                return out;
            }
            out.add(commit);
        }
        return null;
    }

    private boolean same(VariableEntity a, VariableEntity b) {
        if (a.secret != b.secret) {
            return false;
        }
        if (!a.secret) {
            return Objects.equals(a.value, b.value);
        }
        try {
            return secrets.open(sealed(a)).equals(secrets.open(sealed(b)));
        } catch (SecretUnavailableException e) {
            return false; // cannot tell: reported as differing
        }
    }

    static SealedSecret sealed(VariableEntity v) {
        return SealedSecret.newBuilder().setName(v.name).setKeyId(v.keyId).setCiphertext(v.ciphertext).build();
    }

    private static Comparison.Side side(String environment, EnvironmentEntity e, DeploymentReleaseEntity live) {
        return new Comparison.Side(environment, e.currentDeploymentId, e.currentVersion, e.currentArtifact,
                live == null ? null : live.gitCommit);
    }

    private static EnvironmentEntity existing(String projectId, String environment) {
        EnvironmentEntity found = EnvironmentEntity.find(projectId, environment);
        if (found == null || found.deletedAt != null) {
            throw new NotFoundException("No environment " + environment + " in project " + projectId);
        }
        return found;
    }

    private static Map<String, VariableEntity> byName(List<VariableEntity> variables) {
        Map<String, VariableEntity> out = new java.util.TreeMap<>();
        variables.forEach(v -> out.put(v.name, v));
        return out;
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    /** {@code asOf} as an instant, null if absent; 400 naming it if it is not one. */
    static Instant instant(String asOf) {
        if (asOf == null) {
            return null;
        }
        try {
            return Instant.parse(asOf);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("asOf", "must be an instant such as 2026-12-01T10:00:00Z");
        }
    }

    List<Variable> variables(String projectId, String environment) {
        return VariableEntity.of(projectId, environment).stream()
                .map(v -> new Variable(v.name, v.secret, v.secret ? null : v.value, v.secret ? v.keyId : null))
                .toList();
    }

    Environment toDomain(EnvironmentEntity e) {
        return new Environment(Topics.environmentKey(e.projectId, e.name), e.projectId, e.name, e.url,
                mapper.typed(mapper.settings(e.settingsJson)), e.isProtected, e.approvalRequired, e.bakeSeconds,
                variables(e.projectId, e.name), e.status, e.currentDeploymentId, e.currentVersion, e.currentArtifact,
                e.pinnedBy == null ? null : new Environment.Pin(e.pinnedRollback, e.pinnedReason, e.pinnedBy,
                        e.pinnedAt),
                e.createdAt, e.updatedAt);
    }

    Environment toDomain(EnvironmentState s) {
        return new Environment(Topics.environmentKey(s.projectId, s.name), s.projectId, s.name, s.url,
                mapper.typed(s.settings), s.isProtected, s.approvalRequired, s.bakeSeconds, s.variableList(), s.status,
                s.currentDeployment, s.currentVersion, s.currentArtifact, s.pin, s.createdAt, s.updatedAt);
    }
}
