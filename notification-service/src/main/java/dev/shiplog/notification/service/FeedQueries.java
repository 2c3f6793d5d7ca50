package dev.shiplog.notification.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.notification.domain.FeedPage;
import dev.shiplog.notification.domain.FeedRules;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.repository.NotificationEntity;
import dev.shiplog.notification.repository.ReadMarks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A project's feed as one reader sees it: pages newest first, each notification read or not (a mark per reader and
 * project: everything up to a time is read), and the stream of what arrives.
 */
@ApplicationScoped
public class FeedQueries {

    private final AccessGuard access;
    private final ReadMarks marks;

    public FeedQueries(AccessGuard access, ReadMarks marks) {
        this.access = access;
        this.marks = marks;
    }

    public FeedPage page(Caller caller, String projectId, int page, int size) {
        Inputs.project(projectId);
        access.requireToRead(caller, projectId);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant readUpTo = marks.of(caller.subject(), projectId);
            List<FeedPage.Item> items = NotificationEntity.page(projectId, page, size).stream()
                    .map(n -> item(n, readUpTo)).toList();
            return new FeedPage(items, NotificationEntity.unread(projectId, readUpTo), page, size);
        });
    }

    /**
     * Marks read, for the caller, every notification of the project up to {@code upTo} (a notification id), or all
     * of them when null.
     */
    public void markRead(Caller caller, String projectId, String upTo) {
        Inputs.project(projectId);
        access.requireToRead(caller, projectId);
        UUID id = upTo == null ? null : Inputs.uuid("upTo", upTo);
        QuarkusTransaction.requiringNew().run(() -> {
            Instant until;
            if (id == null) {
                List<NotificationEntity> newest = NotificationEntity.page(projectId, 0, 1);
                if (newest.isEmpty()) {
                    return;
                }
                until = newest.get(0).occurredAt;
            } else {
                NotificationEntity n = NotificationEntity.findById(id);
                if (n == null || !n.projectId.equals(projectId)) {
                    throw new NotFoundException("No notification " + upTo + " in project " + projectId);
                }
                until = n.occurredAt;
            }
            marks.markUpTo(caller.subject(), projectId, until);
        });
    }

    /** Where a live stream of the feed is: each {@link #next()} gives what was recorded since the last one. */
    public static final class Cursor {
        private final String projectId;
        private long last;

        Cursor(String projectId, long last) {
            this.projectId = projectId;
            this.last = last;
        }

        /** Up to 100 notifications recorded since the last call, oldest first. */
        public List<Notification> next() {
            List<NotificationEntity> rows = QuarkusTransaction.requiringNew()
                    .call(() -> NotificationEntity.after(projectId, last, 100));
            if (!rows.isEmpty()) {
                last = rows.get(rows.size() - 1).seq;
            }
            return rows.stream().map(NotificationEntity::toDomain).toList();
        }
    }

    /** A stream of the project's feed from now on, for a caller who may read it. */
    public Cursor follow(Caller caller, String projectId) {
        Inputs.project(projectId);
        access.requireToRead(caller, projectId);
        return new Cursor(projectId, QuarkusTransaction.requiringNew().call(() -> NotificationEntity.lastSeq(projectId)));
    }

    static FeedPage.Item item(NotificationEntity n, Instant readUpTo) {
        return new FeedPage.Item(n.id.toString(), n.projectId, n.environment, n.deploymentId, n.kind, n.title,
                n.detail, n.url, n.occurredAt, FeedRules.read(n.occurredAt, readUpTo));
    }
}
