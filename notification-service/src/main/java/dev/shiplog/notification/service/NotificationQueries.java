package dev.shiplog.notification.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.notification.domain.FeedRules;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.repository.NotificationEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The plain list of a project's newest notifications, its parameters checked by {@link FeedRules#latest}. */
@ApplicationScoped
public class NotificationQueries {

    private final AccessGuard access;

    public NotificationQueries(AccessGuard access) {
        this.access = access;
    }

    /**
     * The newest notifications of {@code projectId}, newest first, for anyone with a role in it; {@code limit} as
     * given in the query string.
     */
    public List<Notification> latest(Caller caller, String projectId, String limit) {
        FeedRules.Latest query = FeedRules.latest(projectId, limit);
        Inputs.refuse(query.violations());
        access.requireToRead(caller, projectId);
        return NotificationEntity.latest(projectId, query.limit()).stream().map(NotificationEntity::toDomain).toList();
    }
}
