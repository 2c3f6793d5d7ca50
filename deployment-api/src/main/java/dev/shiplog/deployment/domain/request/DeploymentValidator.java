package dev.shiplog.deployment.domain.request;

import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Violation;
import dev.shiplog.schema.rules.EventRules;
import dev.shiplog.schema.rules.FieldRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rules a deployment request follows, whether it came over REST or as a Kafka command: the catalog's limits
 * ({@link FieldRules}, the same every consumer checks what it reads from the log against), named by the request's
 * own field names. What passes fits in one event on the log and in every projection. (The rules that need facts
 * beyond the request, such as the environment existing, are {@link DeploymentRequestRules}'.)
 */
public final class DeploymentValidator {

    /** Every broken rule of {@code request}; empty when it may be accepted. */
    public static List<Violation> violations(NewDeployment request) {
        List<Violation> out = new ArrayList<>();
        if (request == null) {
            out.add(new Violation("body", "is required"));
            return out;
        }
        required(out, "projectId", request.projectId(), FieldRules::name);
        required(out, "environment", request.environment(), FieldRules::name);
        required(out, "version", request.version(), v -> FieldRules.line(v, FieldRules.VERSION));
        boolean git = present(request.gitUrl());
        boolean archive = present(request.archiveId());
        if (git == archive && request.restore() == null) { // a rollback or promotion builds nothing
            out.add(new Violation("gitUrl", "exactly one source is required: gitUrl or archiveId"));
        }
        if (request.restore() != null) {
            optional(out, "artifactId", request.restore().artifactId(), FieldRules::sha256);
            optional(out, "reason", request.restore().reason(), v -> FieldRules.line(v, FieldRules.REASON));
        }
        optional(out, "gitUrl", request.gitUrl(), FieldRules::gitUrl);
        optional(out, "gitCommit", request.gitCommit(), FieldRules::gitCommit);
        optional(out, "gitBranch", request.gitBranch(), FieldRules::gitBranch);
        optional(out, "archiveId", request.archiveId(), FieldRules::sha256);
        if (!git && (present(request.gitCommit()) || present(request.gitBranch()))) {
            out.add(new Violation("gitCommit", "gitCommit and gitBranch need a gitUrl"));
        }
        config(out, request.config());
        return out;
    }

    private static void config(List<Violation> out, DeploymentSettings config) {
        if (config == null) {
            return;
        }
        optional(out, "config.buildCommand", config.buildCommand(), v -> FieldRules.text(v, FieldRules.COMMAND));
        optional(out, "config.startCommand", config.startCommand(), v -> FieldRules.text(v, FieldRules.COMMAND));
        optional(out, "config.installCommand", config.installCommand(), v -> FieldRules.text(v, FieldRules.COMMAND));
        optional(out, "config.outputDirectory", config.outputDirectory(), FieldRules::relativePath);
        optional(out, "config.healthCheckPath", config.healthCheckPath(), FieldRules::healthCheckPath);
        optional(out, "config.nodeVersion", config.nodeVersion(), FieldRules::nodeVersion);
        if (config.timeout() != null && FieldRules.timeoutSeconds(config.timeout()) != null) {
            out.add(new Violation("config.timeout", FieldRules.timeoutSeconds(config.timeout())));
        }
        if (config.environmentVariables() != null) {
            List<EventRules.Violation> variables = new ArrayList<>();
            EventRules.variables(config.environmentVariables(), "config.environmentVariables", variables);
            variables.forEach(v -> out.add(new Violation(v.field(), v.rule())));
        }
    }

    private static void required(List<Violation> out, String field, String value, Function<String, String> rule) {
        if (!present(value)) {
            out.add(new Violation(field, "is required"));
        } else {
            optional(out, field, value, rule);
        }
    }

    private static void optional(List<Violation> out, String field, String value, Function<String, String> rule) {
        if (value != null && !value.isEmpty()) {
            String broken = rule.apply(value);
            if (broken != null) {
                out.add(new Violation(field, broken));
            }
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private DeploymentValidator() {
    }
}
