package dev.shiplog.kit.messaging;

/** The event could not be written to the log (broker or registry down): nothing was accepted. */
public class EventLogUnavailableException extends RuntimeException {
    public EventLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
