package dev.shiplog.pipeline.repository;

import dev.shiplog.pipeline.domain.Restore;
import dev.shiplog.pipeline.domain.lane.Entry;
import dev.shiplog.pipeline.domain.lane.Pin;
import dev.shiplog.pipeline.mapping.Requests;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The lanes in the database: the unfinished entries of one environment, locked for the transaction that changes
 * them (the consumer, a run claiming its activation, the sweeper: one at a time per lane), and saved back.
 */
@ApplicationScoped
public class LaneStore {

    private final EntityManager entityManager;
    private final dev.shiplog.kit.repository.ProjectionGate gate;

    public LaneStore(EntityManager entityManager, dev.shiplog.kit.repository.ProjectionGate gate) {
        this.entityManager = entityManager;
        this.gate = gate;
    }

    /** A new request joins the lanes' table, at {@code position} (its offset on the log), as it asks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(DeploymentRequested e, long position) {
        LaneEntryEntity row = new LaneEntryEntity();
        row.deploymentId = e.getDeploymentId();
        row.projectId = e.getProjectId();
        row.environment = e.getEnvironment();
        row.position = position;
        row.requestedAt = e.getEnvelope().getOccurredAt();
        row.requestEventId = e.getEnvelope().getEventId();
        row.version = e.getVersion();
        row.gitUrl = e.getSource().getGitUrl();
        row.gitCommit = e.getSource().getGitCommit();
        row.gitBranch = e.getSource().getGitBranch();
        row.archiveId = e.getSource().getArchiveId();
        row.config = Requests.encode(e.getConfig());
        row.state = e.getApprovalRequired() ? "awaiting" : "queued";
        row.approvalExpiresAt = e.getApprovalExpiresAt();
        row.notBefore = e.getNotBefore();
        row.artifactId = e.getArtifactId();
        Restore restore = Requests.restore(e);
        if (restore != null) {
            row.restoreKind = restore.kind().name().toLowerCase(Locale.ROOT);
            row.restoreFrom = restore.from();
            row.restoreReplaced = restore.replaced();
            row.restoreReason = FieldRules.storable(restore.reason());
            row.restoreAutomatic = restore.automatic();
        }
        row.snapshot = Requests.encode(e.getSnapshot());
        row.persist();
    }

    /** The environment's unfinished deployments in line order, locked until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Entry> lockLane(String projectId, String environment) {
        return entityManager.createQuery("from LaneEntryEntity where projectId = ?1 and environment = ?2"
                + " and state <> 'finished' order by position", LaneEntryEntity.class)
                .setParameter(1, projectId).setParameter(2, environment)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream().map(LaneStore::toEntry)
                .toList();
    }

    /** Writes the lane back: entries as they are now; those gone from it are finished with {@code outcome}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(List<Entry> before, List<Entry> after, Instant at, String outcome) {
        Map<String, Entry> now = after.stream().collect(Collectors.toMap(Entry::deploymentId, Function.identity()));
        for (Entry entry : before) {
            if (!now.containsKey(entry.deploymentId())) {
                LaneEntryEntity row = LaneEntryEntity.findById(entry.deploymentId());
                row.state = "finished";
                row.finishedAt = at;
                row.outcome = outcome;
                row.owner = null;
                if (!"cancelled".equals(outcome)) {
                    // a cancel that did not take effect leaves nothing: whether it was recorded depended on the
                    // claim to go live (not on the log), so a replay of the log could record it when live did not
                    row.cancelReason = null;
                }
            }
        }
        for (Entry entry : after) {
            LaneEntryEntity row = LaneEntryEntity.findById(entry.deploymentId());
            row.state = entry.state().name().toLowerCase(Locale.ROOT);
            row.attempt = entry.attempt();
            row.owner = entry.owner();
            row.cancelReason = entry.cancelReason();
            row.activating = entry.activating();
        }
    }

    public static Entry toEntry(LaneEntryEntity row) {
        return new Entry(row.deploymentId, row.position, row.requestedAt, row.version,
                Entry.State.valueOf(row.state.toUpperCase(Locale.ROOT)), row.attempt, row.owner, row.cancelReason,
                row.activating, row.approvalExpiresAt, row.notBefore, restore(row));
    }

    /** What a deployment that builds nothing restores, as its row keeps it; null for one built from its source. */
    public static Restore restore(LaneEntryEntity row) {
        if (row.restoreKind == null) {
            return null;
        }
        return new Restore(Restore.Kind.valueOf(row.restoreKind.toUpperCase(Locale.ROOT)),
                row.restoreFrom, row.restoreReplaced, row.restoreReason, row.restoreAutomatic);
    }

    /** The pin of the environment, or null; read in the transaction that locked its lane. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Pin pin(String projectId, String environment) {
        List<?> rows = entityManager.createNativeQuery("select rollback_deployment_id, reason, pinned_by from lane_pin"
                + " where project_id = ?1 and environment = ?2").setParameter(1, projectId).setParameter(2, environment)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Pin((String) r[0], (String) r[1], (String) r[2]))
                .findFirst().orElse(null);
    }

    /** Writes the pin back if the lane changed it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void savePin(String projectId, String environment, Pin before, Pin after, Instant at) {
        if (java.util.Objects.equals(before, after)) {
            return;
        }
        entityManager.createNativeQuery("delete from lane_pin where project_id = ?1 and environment = ?2")
                .setParameter(1, projectId).setParameter(2, environment).executeUpdate();
        if (after != null) {
            entityManager.createNativeQuery("insert into lane_pin (project_id, environment, rollback_deployment_id,"
                    + " reason, pinned_by, pinned_at) values (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, projectId)
                    .setParameter(2, environment).setParameter(3, after.rollbackDeploymentId())
                    .setParameter(4, after.reason()).setParameter(5, after.by()).setParameter(6, at).executeUpdate();
        }
    }

    /** The earliest time a scheduled deployment waits for; null when none waits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Instant nextSchedule() {
        return entityManager.createQuery("select min(notBefore) from LaneEntryEntity where state = 'scheduled'",
                Instant.class).getSingleResult();
    }

    /** Scheduled deployments whose time has come. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LaneEntryEntity> dueSchedules(Instant now) {
        return LaneEntryEntity.list("state = 'scheduled' and notBefore <= ?1 order by notBefore", now);
    }

    /**
     * Environments with deployments waiting their turn: their lane says whether one should run and does not (a lost
     * start). Which runs next is the lane's rule alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<EnvironmentRef> lanesWithWaiting() {
        List<Object[]> rows = entityManager.createNativeQuery("select distinct project_id, environment from lane_entry"
                + " where state = 'queued'").getResultList();
        return rows.stream().map(r -> EnvironmentRef.of((String) r[0], (String) r[1])).toList();
    }

    /** Deployments still waiting for an approval whose time is up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LaneEntryEntity> expiredApprovals() {
        return LaneEntryEntity.list("state = 'awaiting' and approvalExpiresAt <= ?1", Instant.now());
    }

    /** Running deployments whose owner is unknown, gone, or silent for {@code silence}; or ours but not running. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<LaneEntryEntity> orphans(Duration silence, String self, java.util.Set<String> runningHere) {
        List<LaneEntryEntity> running = entityManager.createNativeQuery("select e.* from lane_entry e"
                + " where e.state = 'running' and (e.owner is null or e.owner = ?1 or not exists (select 1 from"
                + " worker_instance w where w.id = e.owner and w.heartbeat_at > now() - make_interval(secs => ?2)))",
                LaneEntryEntity.class).setParameter(1, self).setParameter(2, (double) silence.toSeconds())
                .getResultList();
        return running.stream().filter(e -> !self.equals(e.owner) || !runningHere.contains(e.deploymentId))
                .toList();
    }

    /** Running deployments, with the instance running each (what the sweeper looks at first). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LaneEntryEntity> running() {
        return LaneEntryEntity.list("state = 'running'");
    }

    /** What a run needs to know of its lease, read fresh. */
    public record Lease(String state, String owner, int attempt, String cancelReason) {
        public boolean heldBy(String instance, int byAttempt) {
            return "running".equals(state) && instance.equals(owner) && attempt == byAttempt;
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Lease lease(String deploymentId) {
        LaneEntryEntity row = LaneEntryEntity.findById(deploymentId);
        return row == null ? new Lease("unknown", null, 0, null)
                : new Lease(row.state, row.owner, row.attempt, row.cancelReason);
    }

    /** Lets go of a run this instance cannot finish: the sweeper of some instance takes it from there. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String deploymentId, String owner, int attempt) {
        gate.enter();
        LaneEntryEntity.update("owner = null where deploymentId = ?1 and owner = ?2 and attempt = ?3 and state ="
                + " 'running'", deploymentId, owner, attempt);
    }
}
