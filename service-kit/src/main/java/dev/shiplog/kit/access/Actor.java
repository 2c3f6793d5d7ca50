package dev.shiplog.kit.access;

import dev.shiplog.kit.messaging.Acting;
import dev.shiplog.schema.rules.FieldRules;

/**
 * Who did something, and as what: what every event's envelope says ({@code actor}, {@code actorRole}). Made by
 * {@link AccessGuard} once the caller's role allows the action, so an event never carries a name the caller wrote.
 */
public record Actor(String name, String role, String credential) implements Acting {

    /** Someone acting for themselves: their own login or token. */
    public Actor(String name, String role) {
        this(name, role, null);
    }

    /** The platform itself ({@code service:<name>}), with no role. */
    public static Actor service(String service) {
        return new Actor("service:" + service, null);
    }

    static Actor of(Caller caller, Role role) {
        return new Actor(caller.person(), caller.instanceAdmin() ? FieldRules.INSTANCE_ADMIN : role.wire(),
                caller.credential());
    }
}
