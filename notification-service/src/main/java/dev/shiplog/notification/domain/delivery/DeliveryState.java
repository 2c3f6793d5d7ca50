package dev.shiplog.notification.domain.delivery;

import java.util.List;

/**
 * Where a delivery is: pending (due at its next attempt time), sending (claimed by one instance, under a lease),
 * delivered, or dead (no attempt left, or an answer retrying cannot change) until someone sends it again by hand.
 */
public final class DeliveryState {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";
    public static final List<String> ALL = List.of(PENDING, SENDING, DELIVERED, DEAD);

    private DeliveryState() {
    }
}
