package dev.shiplog.notification.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One notification of a project's feed: what happened to which deployment. Its id is the same for every event that
 * says the same thing about the deployment (a request written twice, an end sent again), so each thing is notified
 * once.
 */
public record Notification(
        String id,
        String projectId,
        String environment,
        String deploymentId,
        String kind,
        String title,
        String detail,
        String url,
        Instant occurredAt) {

    /** The delivery channel of the feed, served by {@code GET /api/notifications}. */
    public static final String IN_APP = "in-app";

    /** The id of what {@code channel} says about {@code deploymentId} as {@code kind}. */
    public static String id(String channel, String deploymentId, NotificationKind kind) {
        return UUID.nameUUIDFromBytes((channel + ":" + deploymentId + ":" + kind.wire())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The id of what an environment's health change (the event {@code eventId}) says. */
    public static String healthId(String eventId) {
        return UUID.nameUUIDFromBytes((IN_APP + ":health:" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The target of an in-app notification: the feed of one project. */
    public static String feedTarget(String projectId) {
        return "feed:" + projectId;
    }
}
