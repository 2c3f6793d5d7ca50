package dev.shiplog.kit.messaging;

/** Whoever a fact is the doing of, as its envelope names them: their name, and the role they acted with (or null). */
public interface Acting {

    String name();

    String role();

    /** The credential acted through when it is not the actor's own ({@code token:<id>}), or null. */
    default String credential() {
        return null;
    }
}
