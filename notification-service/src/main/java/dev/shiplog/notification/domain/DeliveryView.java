package dev.shiplog.notification.domain;

import java.time.Instant;
import java.util.List;

/** One notification's delivery to one subscription, with every attempt ({@code state}: a DeliveryState). */
public record DeliveryView(
        String id,
        String subscriptionId,
        String notificationId,
        String kind,
        String title,
        String state,
        int attempts,
        Instant nextAttemptAt,
        Integer lastStatus,
        String lastError,
        Instant createdAt,
        Instant deliveredAt,
        List<Attempt> attemptLog) {

    /** One attempt: when, how long, the receiver's status code (null: no answer) and what went wrong. */
    public record Attempt(int attempt, Instant startedAt, int latencyMs, Integer statusCode, String error) {
    }
}
