package dev.shiplog.kit.secrets;

/** A sealed secret that cannot be opened here: its key is not configured, or it was not sealed by this platform. */
public class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(String message) {
        super(message);
    }
}
