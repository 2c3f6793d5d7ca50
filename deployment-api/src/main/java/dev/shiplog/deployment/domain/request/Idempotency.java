package dev.shiplog.deployment.domain.request;

import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.Violation;
import dev.shiplog.schema.rules.FieldRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * What an idempotency key means for a request. The first request with a key takes it; within the window the same
 * key with the same request (the same fingerprint) is that deployment again, with another request it is refused
 * (422); a request whose event did not reach the log keeps its deployment id, so its retry is the same deployment;
 * past the window the key is taken again.
 */
public final class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    /** What a key stood for when a request came with it: null when the request took it just now. */
    public record Held(String fingerprint, String deploymentId, boolean published, boolean expired) {
    }

    /** What to do with the request. */
    public sealed interface Decision {
    }

    /**
     * Write the request to the log as deployment {@code deploymentId}; {@code renew}: the key, expired, stands for
     * this request from now on.
     */
    public record Publish(String deploymentId, boolean renew) implements Decision {
    }

    /** The request is on the log already as {@code deploymentId}: answer with it, write nothing. */
    public record Answer(String deploymentId) implements Decision {
    }

    /** The key stands for another request. */
    public record Refuse(Refusal refusal) implements Decision {
    }

    /**
     * The decision for a request of fingerprint {@code fingerprint} whose key holds {@code held} (null: it took the
     * key now, for {@code newId}), with keys standing for one request for {@code window}.
     */
    public static Decision decide(Held held, String fingerprint, String newId, Duration window) {
        if (held == null) {
            return new Publish(newId, false);
        }
        if (held.expired()) {
            return new Publish(newId, true);
        }
        if (!held.fingerprint().equals(fingerprint)) {
            return new Refuse(Refusal.unprocessable(HEADER, "was already used for a different request (deployment "
                    + held.deploymentId() + "); a key stands for one request for " + window.toHours() + " h"));
        }
        if (held.published()) {
            return new Answer(held.deploymentId());
        }
        return new Publish(held.deploymentId(), false); // an earlier try did not reach the log: the same deployment
    }

    /** The rule a key breaks, or null. */
    public static Violation violation(String key) {
        String rule = key == null ? null : FieldRules.line(key, FieldRules.IDEMPOTENCY_KEY);
        return rule == null ? null : new Violation(HEADER, rule);
    }

    /** The fingerprint of a request: the sha256 of its canonical form (two requests ask the same when equal). */
    public static String fingerprint(String canonicalForm) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalForm.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Idempotency() {
    }
}
