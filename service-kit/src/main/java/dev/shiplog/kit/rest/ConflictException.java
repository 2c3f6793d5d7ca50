package dev.shiplog.kit.rest;

/** The request is valid but the thing is not in a state that allows it: answered 409 application/problem+json. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
