package dev.shiplog.kit.rest;

/**
 * The request is valid but the state of things refuses it (already over, pinned, live already): 409, with the field
 * it is about when there is one.
 */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String message) {
        this(null, message);
    }

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field of the request the conflict is about, or null. */
    public String field() {
        return field;
    }
}
