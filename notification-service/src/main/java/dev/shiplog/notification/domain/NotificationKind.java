package dev.shiplog.notification.service;

import java.util.Locale;

/** What a notification tells about a deployment. */
public enum NotificationKind {
    STARTED, SUCCEEDED, FAILED, CANCELLED, ROLLED_BACK;

    /** The name used in the API and the table: lower case, e.g. rolled_back. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
