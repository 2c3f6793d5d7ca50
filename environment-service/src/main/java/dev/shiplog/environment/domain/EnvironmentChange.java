package dev.shiplog.environment.domain;

import java.util.Map;

/**
 * The command to (re)configure an environment: its whole configuration; what is left out is reset. Protected: only
 * maintainers deploy into it; approvalRequired: a deployment also needs another maintainer's approval; bakeSeconds: how
 * long a new live release is watched (null: the platform's default).
 */
public record EnvironmentChange(String url, Map<String, String> settings, boolean isProtected,
        boolean approvalRequired, Integer bakeSeconds) {
}
