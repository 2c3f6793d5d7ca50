package dev.shiplog.deployment.domain;

import java.util.List;
import java.util.Map;

/**
 * The configuration of an environment as a deployment runs with it, recorded with the deployment (its URL, its
 * settings, its bake period, its variables, its secrets sealed): later changes never alter it, and a rollback
 * re-activates it. The APIs show a secret by name only ({@link #shown()}).
 */
public record Snapshot(String url, Map<String, String> settings, Integer bakeSeconds, Map<String, String> variables,
        List<Sealed> secrets) {

    /** A secret as it was sealed: the key's id and the ciphertext (null, and left out, when shown). */
    public record Sealed(String name, String keyId, String ciphertext) {
    }

    public Snapshot {
        variables = variables == null ? Map.of() : variables;
        secrets = secrets == null ? List.of() : secrets;
    }

    /** The snapshot as the APIs show it: each secret by its name and key, without its ciphertext. */
    public Snapshot shown() {
        return new Snapshot(url, settings, bakeSeconds, variables,
                secrets.stream().map(s -> new Sealed(s.name(), s.keyId(), null)).toList());
    }
}
