package dev.shiplog.kit.messaging;

/**
 * An event that cannot be applied, however often it is tried (it breaks a rule of the catalog, or applying it fails
 * the same way each time): it goes to the consumer's dead-letter topic with this message as the reason, and the
 * consumer goes on with the next event.
 */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
