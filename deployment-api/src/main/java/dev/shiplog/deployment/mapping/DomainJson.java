package dev.shiplog.deployment.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Snapshot;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * How the domain's values are written as JSON, kept out of the domain (which knows nothing of Jackson): a secret shown
 * without its ciphertext leaves it out; a request's canonical form (its idempotency fingerprint) leaves out
 * {@code scheduledAt} and {@code restore} when null, so that a key taken before these existed stands for the same
 * request.
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

    /** {@link NewDeployment}'s optional parts, left out when null. */
    abstract static class NewDeploymentJson {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Instant scheduledAt();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract NewDeployment.Restore restore();
    }

    /** A sealed secret as shown: without its ciphertext. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract static class SealedJson {
    }
}
