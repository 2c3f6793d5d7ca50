package dev.shiplog.notification.rest;

import java.time.Instant;

/** One entry of a project's live feed. */
public record NotificationView(
        String id,
        String projectId,
        String environment,
        String deploymentId,
        String kind,
        String title,
        String detail,
        String url,
        Instant occurredAt) {
}
