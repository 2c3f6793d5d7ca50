package dev.shiplog.notification.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One in-app notification of the live feed. Written only by the deployment events listener. */
@Entity
@Table(name = "notification")
public class NotificationEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    @Column(name = "deployment_id")
    public String deploymentId;
    public String kind;
    public String title;
    public String detail;
    public String url;
    @Column(name = "trigger_event_id")
    public String triggerEventId;
    @Column(name = "trigger_event_type")
    public String triggerEventType;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The order rows were written in (the live stream's cursor); the database gives it. */
    @Column(name = "seq", insertable = false, updatable = false)
    public Long seq;

    /** The row of notification {@code n}, triggered by the event {@code triggerEventId} of type {@code triggerType}. */
    public static NotificationEntity of(dev.shiplog.notification.domain.Notification n, String triggerEventId,
            String triggerType) {
        NotificationEntity row = new NotificationEntity();
        row.id = UUID.fromString(n.id());
        row.projectId = n.projectId();
        row.environment = n.environment();
        row.deploymentId = n.deploymentId();
        row.kind = n.kind();
        row.title = n.title();
        row.detail = n.detail();
        row.url = n.url();
        row.triggerEventId = triggerEventId;
        row.triggerEventType = triggerType;
        row.occurredAt = n.occurredAt();
        row.createdAt = Instant.now();
        return row;
    }

    public dev.shiplog.notification.domain.Notification toDomain() {
        return new dev.shiplog.notification.domain.Notification(id.toString(), projectId, environment, deploymentId,
                kind, title, detail, url, occurredAt);
    }

    /** Whether the deployment's end (succeeded, failed, cancelled) is in the feed already. */
    public static boolean endNotified(String deploymentId) {
        return count("deploymentId = ?1 and kind in ('succeeded', 'failed', 'cancelled')", deploymentId) > 0;
    }

    /** A page of a project's notifications, newest first. */
    public static List<NotificationEntity> page(String projectId, int page, int size) {
        return find("projectId", Sort.descending("occurredAt").and("createdAt", Sort.Direction.Descending)
                .and("id"), projectId).page(Page.of(page, size)).list();
    }

    /** A project's notifications written after {@code seq}, oldest first (the live stream). */
    public static List<NotificationEntity> after(String projectId, long seq, int limit) {
        return find("projectId = ?1 and seq > ?2", Sort.ascending("seq"), projectId, seq).page(Page.ofSize(limit))
                .list();
    }

    /** The highest sequence of a project's notifications (0: none). */
    public static long lastSeq(String projectId) {
        Long last = getEntityManager().createQuery("select max(n.seq) from NotificationEntity n where n.projectId"
                + " = ?1", Long.class).setParameter(1, projectId).getSingleResult();
        return last == null ? 0 : last;
    }

    /** How many of a project's notifications are newer than {@code readUpTo} (null: all). */
    public static long unread(String projectId, Instant readUpTo) {
        return readUpTo == null ? count("projectId", projectId)
                : count("projectId = ?1 and occurredAt > ?2", projectId, readUpTo);
    }

    /** The newest {@code limit} notifications of a project, newest first. */
    public static List<NotificationEntity> latest(String projectId, int limit) {
        return find("projectId", Sort.descending("occurredAt").and("createdAt", Sort.Direction.Descending)
                .and("id"), projectId)
                .page(Page.ofSize(limit))
                .list();
    }
}
