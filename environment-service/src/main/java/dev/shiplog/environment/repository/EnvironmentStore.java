package dev.shiplog.environment.repository;

import dev.shiplog.environment.domain.Pin;
import dev.shiplog.environment.domain.Variable;
import dev.shiplog.environment.domain.state.Application;
import dev.shiplog.environment.domain.state.EnvironmentState;
import dev.shiplog.environment.domain.state.Fact;
import dev.shiplog.environment.domain.state.Releases;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.schema.EnvironmentRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment rows as the domain's {@link EnvironmentState}: read for the queries, and, for the projections,
 * locked, read, and written back once the domain has said what a fact changes.
 */
@ApplicationScoped
public class EnvironmentStore {

    private final EnvironmentMapper mapper;

    public EnvironmentStore(EnvironmentMapper mapper) {
        this.mapper = mapper;
    }

    /** The environment, unless it does not exist or was deleted; with its variables. */
    public Optional<EnvironmentState> find(EnvironmentRef ref) {
        EnvironmentEntity row = EnvironmentEntity.find(ref);
        return row == null || row.deletedAt != null ? Optional.empty() : Optional.of(state(row, true));
    }

    /** The environments of a project that were not deleted, by name, with their variables. */
    public List<EnvironmentState> ofProject(String projectId) {
        return EnvironmentEntity.ofProject(projectId).stream().map(row -> state(row, true)).toList();
    }

    /** The names of a project's environments that exist and were not deleted. */
    public List<String> names(String projectId) {
        return EnvironmentEntity.ofProject(projectId).stream().map(row -> row.environment).toList();
    }

    /** The names of a project's environments (not deleted) with a release live in them. */
    public List<String> withSomethingLive(String projectId) {
        return EnvironmentEntity.ofProject(projectId).stream().filter(row -> row.currentDeploymentId != null)
                .map(row -> row.environment).toList();
    }

    /**
     * The row of {@code ref}, made (and persisted) if this is the first fact about the environment ({@code at}), and
     * locked for the rest of the transaction. Two projections write this row, from two topics, on their own threads
     * (or instances): each takes the row's lock before reading it, so neither writes back what it read before the
     * other's commit (a health status lost that way was what a rebuild first caught), and neither inserts it twice.
     */
    public EnvironmentEntity lock(EnvironmentRef ref, Instant at) {
        EnvironmentEntity.getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtext(current_schema()), hashtext(?1))")
                .setParameter(1, ref.key()).getSingleResult();
        EnvironmentEntity found = EnvironmentEntity.find(ref);
        if (found == null) {
            found = new EnvironmentEntity();
            found.projectId = ref.projectId();
            found.environment = ref.environment();
            found.createdAt = at;
            found.updatedAt = at;
            found.persist(); // every column has a value: the defaults of the fields, the key and the times
        }
        return found;
    }

    /** The row as the domain sees it; its variables only if asked (a projection does not need them). */
    public EnvironmentState state(EnvironmentEntity row, boolean withVariables) {
        Map<String, Variable> variables = new TreeMap<>();
        if (withVariables) {
            VariableEntity.of(row.ref()).forEach(v -> variables.put(v.name, v.shown()));
        }
        return new EnvironmentState(row.projectId, row.environment, row.url, mapper.settings(row.settingsJson),
                row.isProtected, row.approvalRequired, row.bakeSeconds, variables, row.status,
                row.currentDeploymentId == null ? null
                        : new Releases.Live(row.currentDeploymentId, row.currentVersion, row.currentArtifact),
                row.pinnedBy == null ? null : new Pin(row.pinnedRollback, row.pinnedReason, row.pinnedBy,
                        row.pinnedAt),
                application(row), row.createdAt, row.updatedAt, true, row.deletedAt != null);
    }

    /** Writes {@code state}, what {@code fact} (which happened {@code at}) left, into the row (not its variables). */
    public void write(EnvironmentEntity row, EnvironmentState state, Fact fact, Instant at) {
        row.url = state.url();
        row.settingsJson = mapper.settingsJson(state.settings());
        row.isProtected = state.isProtected();
        row.approvalRequired = state.approvalRequired();
        row.bakeSeconds = state.bakeSeconds();
        row.status = state.status();
        Releases.Live live = state.live();
        row.currentDeploymentId = live == null ? null : live.deploymentId();
        row.currentVersion = live == null ? null : live.version();
        row.currentArtifact = live == null ? null : live.artifactId();
        Pin pin = state.pin();
        row.pinnedBy = pin == null ? null : pin.by();
        row.pinnedAt = pin == null ? null : pin.at();
        row.pinnedRollback = pin == null ? null : pin.rollbackDeploymentId();
        row.pinnedReason = pin == null ? null : pin.reason();
        writeApplication(row, state.application());
        row.createdAt = state.createdAt();
        row.updatedAt = state.updatedAt();
        if (!state.deleted()) {
            row.deletedAt = null; // configured again after its project was deleted: it exists again
        } else if (fact instanceof Fact.Deleted) {
            row.deletedAt = at;
        }
    }

    private static Application application(EnvironmentEntity row) {
        if (row.applicationDeploymentId == null) {
            return null;
        }
        return new Application(row.applicationDeploymentId, row.applicationInstances,
                row.scaledAt == null ? null : new Application.Scaled(row.scaledAt, row.scaledFrom, row.scaledTo,
                        row.scaledReason),
                row.crashedAt == null ? null : new Application.Crash(row.crashedAt, row.crashedInstance,
                        row.crashedExitCode, row.crashedOutput, row.crashedRestartSeconds));
    }

    private static void writeApplication(EnvironmentEntity row, Application application) {
        Application.Scaled scaled = application == null ? null : application.lastScaled();
        Application.Crash crash = application == null ? null : application.lastCrash();
        row.applicationDeploymentId = application == null ? null : application.deploymentId();
        row.applicationInstances = application == null ? null : application.instances();
        row.scaledAt = scaled == null ? null : scaled.at();
        row.scaledFrom = scaled == null ? null : scaled.from();
        row.scaledTo = scaled == null ? null : scaled.to();
        row.scaledReason = scaled == null ? null : scaled.reason();
        row.crashedAt = crash == null ? null : crash.at();
        row.crashedInstance = crash == null ? null : crash.instance();
        row.crashedExitCode = crash == null ? null : crash.exitCode();
        row.crashedOutput = crash == null ? null : crash.lastOutput();
        row.crashedRestartSeconds = crash == null ? null : crash.restartInSeconds();
    }
}
