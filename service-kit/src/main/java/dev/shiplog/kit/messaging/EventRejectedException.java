package dev.shiplog.kit.messaging;

/**
 * The broker refused the event for what it is (too large for a record): sending it again cannot help. Answered 413
 * by the APIs; a consumer treats it as poison.
 */
public class EventRejectedException extends RuntimeException {
    public EventRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
