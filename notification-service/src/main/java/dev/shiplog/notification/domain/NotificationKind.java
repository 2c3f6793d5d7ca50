package dev.shiplog.notification.domain;

import java.util.Locale;

/** What a notification tells about a deployment. */
public enum NotificationKind {
    STARTED, SUCCEEDED, FAILED, CANCELLED, ROLLED_BACK;

    /** A deployment ends once: its first end is notified, a later one is not. */
    public boolean end() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The name used in the API and the table: lower case, e.g. rolled_back. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
