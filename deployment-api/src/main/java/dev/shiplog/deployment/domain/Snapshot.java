package dev.shiplog.deployment.domain;

import java.util.Map;

/**
 * The configuration of an environment as a deployment runs with it, recorded with the deployment (its URL, its
 * settings, its bake period): later changes never alter it, and a rollback re-activates it.
 */
public record Snapshot(String url, Map<String, String> settings, Integer bakeSeconds) {
}
