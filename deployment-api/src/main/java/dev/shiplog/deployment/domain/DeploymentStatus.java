package dev.shiplog.deployment.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a deployment is in its life (PRD DeploymentStatus; {@code scheduled}: waiting for its time). */
public enum DeploymentStatus {
    SCHEDULED, PENDING, BUILDING, DEPLOYING, SUCCESS, FAILED, CANCELLED, ROLLED_BACK;

    /** The name used in the API: lower case, e.g. rolled_back. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeploymentStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }

    /** A deployment that is over: nothing moves it any more, except a rollback of a successful one. */
    public boolean finished() {
        return this == SUCCESS || this == FAILED || this == CANCELLED || this == ROLLED_BACK;
    }
}
