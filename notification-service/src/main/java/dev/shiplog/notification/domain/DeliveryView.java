package dev.shiplog.notification.domain;

import java.time.Instant;
import java.util.List;

/** One notification's delivery to one subscription, with every attempt. */
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

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";

    /** One attempt: when, how long, the receiver's status code (null: no answer) and what went wrong. */
    public record Attempt(int attempt, Instant startedAt, int latencyMs, Integer statusCode, String error) {
    }
}
