package dev.shiplog.kit.access;

/** The caller is known but their role does not allow what they asked: answered 403, and nothing changed. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
