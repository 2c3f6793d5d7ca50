package dev.shiplog.notification.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A receiver's {@code Retry-After}: seconds or an HTTP date; at most an hour; a date in the past is now. */
public final class RetryAfter {

    public static final Duration MAX = Duration.ofHours(1);

    /** How long {@code value}, received at {@code now}, asks to wait; null when absent or unreadable. */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration after;
        try {
            after = Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            try {
                after = Duration.between(now, ZonedDateTime.parse(value.trim(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException dateError) {
                return null;
            }
        }
        if (after.isNegative()) {
            return Duration.ZERO;
        }
        return after.compareTo(MAX) > 0 ? MAX : after;
    }

    private RetryAfter() {
    }
}
