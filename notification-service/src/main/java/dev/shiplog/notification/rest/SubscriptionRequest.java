package dev.shiplog.notification.rest;

import dev.shiplog.notification.domain.SubscriptionChange;
import dev.shiplog.notification.domain.SubscriptionRules;
import java.util.List;

/**
 * Body of {@code POST} and {@code PUT /api/projects/{projectId}/subscriptions[/{id}]}: what a subscription receives
 * and where. {@code secret}: a webhook's signing secret (required to create one; on a change, a new one rotates it).
 */
public record SubscriptionRequest(String name, String channel, String url, List<String> emails,
        List<String> environments, List<String> kinds, Boolean paused, Integer maxAttempts, String secret) {

    SubscriptionChange toChange() {
        return new SubscriptionChange(name, channel, url, emails == null ? List.of() : emails,
                environments == null ? List.of() : environments, kinds == null ? List.of() : kinds,
                Boolean.TRUE.equals(paused), maxAttempts == null ? SubscriptionRules.DEFAULT_ATTEMPTS : maxAttempts,
                secret);
    }
}
