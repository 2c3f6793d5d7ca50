package dev.shiplog.deployment.service;

import dev.shiplog.kit.rest.Names;
import dev.shiplog.deployment.rest.DeploymentConfigDto;
import dev.shiplog.deployment.rest.DeploymentRequest;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules a deployment request must follow, whether it came over REST or as a Kafka command. */
public final class DeploymentValidator {

    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final int MAX_TIMEOUT_SECONDS = 24 * 3600;

    /** Every broken rule of {@code request}; empty when it may be accepted. */
    public static List<Violation> violations(DeploymentRequest request) {
        List<Violation> out = new ArrayList<>();
        if (request == null) {
            out.add(new Violation("body", "is required"));
            return out;
        }
        name(out, "projectId", request.projectId());
        name(out, "environment", request.environment());
        if (blank(request.version())) {
            out.add(new Violation("version", "is required"));
        } else if (request.version().length() > 200) {
            out.add(new Violation("version", "must be at most 200 characters"));
        }
        boolean git = !blank(request.gitUrl());
        boolean archive = !blank(request.archiveId());
        if (git == archive) {
            out.add(new Violation("gitUrl", "exactly one source is required: gitUrl or archiveId"));
        }
        if (!git && (!blank(request.gitCommit()) || !blank(request.gitBranch()))) {
            out.add(new Violation("gitCommit", "gitCommit and gitBranch need a gitUrl"));
        }
        config(out, request.config());
        return out;
    }

    /** Throws {@link InvalidInputException} naming every broken rule. */
    public static void check(DeploymentRequest request) {
        List<Violation> violations = violations(request);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static void config(List<Violation> out, DeploymentConfigDto config) {
        if (config == null) {
            return;
        }
        if (config.timeout() != null && (config.timeout() < 1 || config.timeout() > MAX_TIMEOUT_SECONDS)) {
            out.add(new Violation("config.timeout", "must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds"));
        }
        if (config.outputDirectory() != null && !staysInWorkspace(config.outputDirectory())) {
            out.add(new Violation("config.outputDirectory", "must be a relative path inside the workspace"));
        }
        if (config.healthCheckPath() != null && !config.healthCheckPath().startsWith("/")) {
            out.add(new Violation("config.healthCheckPath", "must start with /"));
        }
        Map<String, String> variables = config.environmentVariables();
        if (variables != null) {
            variables.forEach((name, value) -> {
                if (!VARIABLE.matcher(name).matches()) {
                    out.add(new Violation("config.environmentVariables." + name,
                            "name must match " + VARIABLE.pattern()));
                } else if (value == null) {
                    out.add(new Violation("config.environmentVariables." + name, "value is required"));
                }
            });
        }
    }

    static boolean staysInWorkspace(String dir) {
        if (dir.isBlank() || dir.startsWith("/") || dir.startsWith("\\") || dir.contains("\0")) {
            return false;
        }
        Path normalized = Path.of(dir).normalize();
        return !normalized.isAbsolute() && !normalized.startsWith("..");
    }

    private static void name(List<Violation> out, String field, String value) {
        if (blank(value)) {
            out.add(new Violation(field, "is required"));
        } else if (!Names.valid(value)) {
            out.add(new Violation(field, Names.RULE));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private DeploymentValidator() {
    }
}
