package dev.shiplog.kit.rest;

/** The thing asked for does not exist: answered with 404 application/problem+json. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
