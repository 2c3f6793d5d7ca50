package dev.shiplog.kit.rest;

/** The body is larger than the endpoint takes: answered 413 application/problem+json naming {@code body}. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String rule) {
        super(rule);
    }
}
