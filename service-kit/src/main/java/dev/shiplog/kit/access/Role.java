package dev.shiplog.kit.access;

import java.util.Arrays;
import java.util.Optional;

/** A role in a project, each including the ones before it. */
public enum Role {
    /** Reads the project: deployments, logs, environments, queues, notifications, members. */
    VIEWER,
    /** Deploys to and cancels in unprotected environments, uploads sources. */
    DEPLOYER,
    /** Everything in protected environments, approves others' deployments, configures environments, reads the audit. */
    MAINTAINER,
    /** Members and project tokens. */
    ADMIN;

    public String wire() {
        return name().toLowerCase();
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(wire)).findFirst();
    }
}
