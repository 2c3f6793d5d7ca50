package dev.shiplog.deployment.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Snapshot;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * How the domain's values are written as JSON, kept out of the domain (which knows nothing of Jackson): a secret shown
 * without its ciphertext leaves it out; a request's canonical form (its idempotency fingerprint) leaves out
 * {@code scheduledAt} and {@code restore} when null, and ({@link #canonical}) its config's {@code startCommand}
 * when null, so that a key taken before these existed stands for the same request.
 */
@Singleton
public class DomainJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper json) {
        apply(json);
    }

    /** Adds the mix-ins to {@code json} (also for plain tests); returns it. */
    public static ObjectMapper apply(ObjectMapper json) {
        return json.addMixIn(NewDeployment.class, NewDeploymentJson.class)
                .addMixIn(Snapshot.Sealed.class, SealedJson.class);
    }

    /**
     * The mapper of requests' canonical forms made from a copy of {@code json}: map entries in key order, a config's
     * {@code startCommand} left out when null (only there: everywhere else a config shows it, null or not).
     */
    public static ObjectMapper canonical(ObjectMapper json) {
        return json.addMixIn(DeploymentSettings.class, CanonicalSettingsJson.class)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /** {@link NewDeployment}'s optional parts, left out when null. */
    abstract static class NewDeploymentJson {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Instant scheduledAt();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract NewDeployment.Restore restore();
    }

    /** A config's parts added since idempotency keys were first taken, left out of the canonical form when null. */
    abstract static class CanonicalSettingsJson {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String startCommand();
    }

    /** A sealed secret as shown: without its ciphertext. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract static class SealedJson {
    }
}
