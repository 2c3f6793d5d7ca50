package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.schema.rules.EnvironmentSettings;
import dev.shiplog.schema.rules.FieldRules;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rules an environment configuration and the names in a path must follow. */
public final class EnvironmentValidator {

    static final int MAX_URL = 2000;

    /** Every broken rule of a PUT; empty when it may be accepted. */
    public static List<Violation> violations(String projectId, String environment, EnvironmentChange request) {
        List<Violation> out = new ArrayList<>();
        name(out, "projectId", projectId);
        name(out, "environment", environment);
        if (request.url() != null) {
            url(out, request.url());
        }
        Map<String, String> settings = request.settings();
        if (settings != null) {
            EnvironmentSettings.violations(settings).forEach(v -> out.add(new Violation(v.field(), v.rule())));
        }
        if (request.bakeSeconds() != null && FieldRules.bakeSeconds(request.bakeSeconds()) != null) {
            out.add(new Violation("bakeSeconds", FieldRules.bakeSeconds(request.bakeSeconds())));
        }
        return out;
    }

    /** Throws {@link InvalidInputException} naming every broken rule of a PUT. */
    public static void check(String projectId, String environment, EnvironmentChange request) {
        throwIfAny(violations(projectId, environment, request));
    }

    /** Throws {@link InvalidInputException} unless {@code projectId} is a valid project id. */
    public static void checkProject(String projectId) {
        List<Violation> out = new ArrayList<>();
        name(out, "projectId", projectId);
        throwIfAny(out);
    }

    /** Throws {@link InvalidInputException} unless both names are valid. */
    public static void checkNames(String projectId, String environment) {
        List<Violation> out = new ArrayList<>();
        name(out, "projectId", projectId);
        name(out, "environment", environment);
        throwIfAny(out);
    }

    private static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static void url(List<Violation> out, String url) {
        String rule = "must be an absolute http or https URL";
        if (FieldRules.line(url, MAX_URL) != null) {
            out.add(new Violation("url", FieldRules.line(url, MAX_URL)));
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getHost().isBlank()) {
                out.add(new Violation("url", rule));
            }
        } catch (URISyntaxException e) {
            out.add(new Violation("url", rule));
        }
    }

    private static void name(List<Violation> out, String field, String value) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, "is required"));
        } else if (FieldRules.name(value) != null) {
            out.add(new Violation(field, FieldRules.NAME_RULE));
        } else if (field.equals("environment") && RESERVED.contains(value)) {
            out.add(new Violation(field, "must not be " + value + " (a word of the API's paths)"));
        }
    }

    /** Names an environment cannot take: they are paths of the environments API. */
    static final java.util.Set<String> RESERVED = java.util.Set.of("compare");

    private EnvironmentValidator() {
    }
}
