package dev.shiplog.notification.domain;

import java.time.Instant;
import java.util.List;

/**
 * A project's subscription to its notifications, as the API shows it: never its secret, only whether it has one and
 * until when the secret it replaced still signs too.
 */
public record Subscription(
        String id,
        String projectId,
        String name,
        String channel,
        String url,
        List<String> emails,
        List<String> environments,
        List<String> kinds,
        boolean paused,
        int maxAttempts,
        boolean hasSecret,
        Instant previousSecretUntil,
        Instant createdAt,
        Instant updatedAt) {

    public static final String WEBHOOK = "webhook";
    public static final String CHAT = "chat";
    public static final String EMAIL = "email";
    public static final List<String> CHANNELS = List.of(WEBHOOK, CHAT, EMAIL);

    /** Whether a notification of {@code kind} in {@code environment} (null: none) is for it. */
    public boolean wants(String kind, String environment) {
        return !paused && (kinds.isEmpty() || kinds.contains(kind))
                && (environments.isEmpty() || environment == null || environments.contains(environment));
    }
}
