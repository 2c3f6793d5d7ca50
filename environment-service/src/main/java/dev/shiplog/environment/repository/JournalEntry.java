package dev.shiplog.environment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One environment or project fact in the journal the state at an instant is folded from ({@code asOf}): its event id,
 * when it happened, its kind and what it said (JSON). Written only by the projectors, once per event.
 */
@Entity
@Table(name = "environment_journal")
public class JournalEntry extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "project_id")
    public String projectId;
    /** The environment, or null for a fact about the whole project. */
    public String environment;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String kind;
    public String payload;
    /** Where the fact is on the log (null for facts journaled before positions were). */
    @Column(name = "log_topic")
    public String logTopic;
    @Column(name = "log_partition")
    public Integer logPartition;
    @Column(name = "log_offset")
    public Long logOffset;

    /**
     * The facts of {@code projectId} up to {@code at}, in the order they happened; those of the same millisecond in
     * the order they are on the log.
     */
    public static List<JournalEntry> upTo(String projectId, Instant at) {
        return list("projectId = ?1 and occurredAt <= ?2 order by occurredAt, logTopic, logPartition, logOffset,"
                + " eventId",
                projectId, at);
    }

    /** Every project with a fact up to {@code at}. */
    public static List<String> projectsUpTo(Instant at) {
        return find("select distinct j.projectId from JournalEntry j where j.occurredAt <= ?1 order by j.projectId",
                at).project(String.class).list();
    }
}
