package dev.shiplog.notification.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The delivery channels and the ids of what goes through them. */
public final class Channels {

    /** The live feed of the web UI, served by {@code GET /api/notifications}. */
    public static final String IN_APP = "in-app";

    /**
     * The id of the notification {@code channel} makes for the event {@code triggerEventId}: the same on every
     * redelivery of that event, so whoever reads NotificationDelivered can drop a republished duplicate.
     */
    public static UUID notificationId(String channel, String triggerEventId) {
        return UUID.nameUUIDFromBytes((channel + ":" + triggerEventId).getBytes(StandardCharsets.UTF_8));
    }

    /** The target of an in-app notification: the feed of one project. */
    public static String feedTarget(String projectId) {
        return "feed:" + projectId;
    }

    private Channels() {
    }
}
