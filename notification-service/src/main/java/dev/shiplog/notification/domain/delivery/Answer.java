package dev.shiplog.notification.domain.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * How a receiver answered one attempt, and whether trying again can change it: a 2xx is delivered; a 5xx, a 429
 * (with its {@code Retry-After}), no answer within the timeout, an unreachable receiver or SMTP server is tried
 * again; any other answer (another 4xx, a redirect, which is never followed) and a destination the rules refuse are
 * final. {@code status} is null when there was no answer.
 */
public record Answer(boolean delivered, Integer status, String error, boolean retryable, Duration retryAfter) {

    /** The most of a channel's own account of a failure a delivery keeps. */
    static final int MAX_REASON = 200;

    /** The HTTP answer {@code status}, with its {@code Retry-After} header (or null), received at {@code now}. */
    public static Answer http(int status, String retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return new Answer(true, status, null, false, null);
        }
        if (status >= 500 || status == 429) {
            return new Answer(false, status, "answered " + status, true, RetryAfter.parse(retryAfter, now));
        }
        return new Answer(false, status, "answered " + status + (status < 400 ? " (redirects are not followed)"
                : " (not retried)"), false, null);
    }

    /** The receiver said nothing within {@code timeout}. */
    public static Answer noAnswerWithin(Duration timeout) {
        return retry("no answer within " + timeout.toMillis() + " ms");
    }

    /** The receiver could not be reached ({@code why}: the failure). */
    public static Answer unreachable(String why) {
        return retry("could not be reached: " + why);
    }

    /** The service stopped while waiting for the answer. */
    public static Answer interrupted() {
        return retry("interrupted (the service stopped)");
    }

    /** The SMTP server took the message. */
    public static Answer mailAccepted() {
        return new Answer(true, 250, null, false, null);
    }

    /** The SMTP server refused the message or could not be reached ({@code why}). */
    public static Answer mailRefused(String why) {
        return retry("SMTP: " + why);
    }

    /** The destination breaks a rule now ({@code rule}, as the destination rules word it): not sent, final. */
    public static Answer destinationRefused(String rule) {
        return fail("url " + rule);
    }

    /**
     * The channel failed before the receiver answered ({@code what}: a short account, never a stack): a failed
     * attempt like any other, tried again until the subscription's attempts are spent, then dead.
     */
    public static Answer channelFailed(String what) {
        String said = what == null || what.isBlank() ? "no reason given"
                : what.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c).limit(MAX_REASON)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return retry("the attempt failed before an answer: " + said);
    }

    /** Not sent, for a reason retrying cannot change. */
    public static Answer fail(String error) {
        return new Answer(false, null, error, false, null);
    }

    private static Answer retry(String error) {
        return new Answer(false, null, error, true, null);
    }
}
