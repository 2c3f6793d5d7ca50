package dev.shiplog.notification.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a notification tells: about a deployment, or about an environment's health. */
public enum NotificationKind {
    STARTED, SUCCEEDED, FAILED, CANCELLED, ROLLED_BACK, PROMOTED, SCHEDULED, APPROVAL_REQUESTED, HEALTH_CHANGED;

    /** Every kind by its wire name, as a subscription names them. */
    public static final List<String> WIRE = Arrays.stream(values()).map(NotificationKind::wire).toList();

    /** A deployment ends once: its first end is notified, a later one is not. */
    public boolean end() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The name used in the API and the table: lower case, e.g. rolled_back. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NotificationKind ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
