package dev.shiplog.kit.rest;

/** A service this one needs to answer is away (the gateway's upstream, say): 503, saying which. */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
