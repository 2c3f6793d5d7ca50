package dev.shiplog.kit.messaging;

/**
 * A record on the log that could not be decoded into a known event (corrupt bytes, a schema the registry does not
 * know, a type this service's catalog does not have). Thrown so the record goes to the dead-letter topic.
 */
public class UndecodableEventException extends RuntimeException {
    public UndecodableEventException(String topic) {
        super("a record on " + topic + " could not be decoded into a known event");
    }
}
