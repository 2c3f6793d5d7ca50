package dev.shiplog.notification.domain.signature;

/** A keyed hash: HMAC-SHA256 of {@code content} with {@code key} (the service gives the JDK's). */
@FunctionalInterface
public interface Hmac {

    byte[] sign(byte[] key, byte[] content);
}
