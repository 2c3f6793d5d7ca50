package dev.shiplog.environment.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.Settings;
import dev.shiplog.schema.EnvironmentRef;

/** A configuration accepted onto the log, as the PUT answers it; {@code id} is {@code projectId/name}. */
public record EnvironmentConfiguration(
        String id,
        String projectId,
        String name,
        String url,
        Settings settings,
        @JsonProperty("protected") boolean isProtected,
        boolean approvalRequired,
        Integer bakeSeconds) {

    static EnvironmentConfiguration of(EnvironmentRef ref, EnvironmentChange change) {
        return new EnvironmentConfiguration(ref.key(), ref.projectId(), ref.environment(), change.url(),
                Settings.typed(change.settings()), change.isProtected(), change.approvalRequired(),
                change.bakeSeconds());
    }
}
