package dev.shiplog.notification.domain;

import java.util.List;

/**
 * A subscription as a caller asks for it (created or replaced whole); {@code secret} null on a change keeps the one
 * it has, a new one rotates it.
 */
public record SubscriptionChange(String name, String channel, String url, List<String> emails,
        List<String> environments, List<String> kinds, boolean paused, int maxAttempts, String secret) {
}
