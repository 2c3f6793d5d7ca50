package dev.shiplog.environment.domain.configuration;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.Refusal;
import dev.shiplog.environment.domain.Settings;
import dev.shiplog.schema.rules.EnvironmentSettings;
import dev.shiplog.schema.rules.EventRules.Violation;
import dev.shiplog.schema.rules.FieldRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules of an environment's configuration: the names in a path, the URL, the settings (schemas'
 * {@link EnvironmentSettings}, the catalog's one rule for them), the bake period, and what is left out of a
 * configuration (it is reset; {@code production} is protected unless said otherwise).
 */
public final class ConfigurationRules {

    /** The environment that is protected unless its configuration says otherwise. */
    public static final String PRODUCTION = "production";
    /** Names an environment cannot take: they are paths of the environments API. */
    public static final Set<String> RESERVED = Set.of("compare");

    static final String URL_RULE = "must be an absolute http or https URL";

    /** Why {@code projectId} is not a project id, or null. */
    public static Refusal project(String projectId) {
        List<Violation> out = new ArrayList<>();
        name(out, "projectId", projectId);
        return Refusal.ifAny(out);
    }

    /** Why the names of an environment's path are not valid, or null. */
    public static Refusal names(String projectId, String environment) {
        return Refusal.ifAny(nameViolations(projectId, environment));
    }

    /** Every rule a configuration breaks (the names included), or null when it may be accepted. */
    public static Refusal configuration(String projectId, String environment, EnvironmentChange change) {
        List<Violation> out = nameViolations(projectId, environment);
        if (change.url() != null) {
            url(out, change.url());
        }
        if (change.settings() != null) {
            out.addAll(EnvironmentSettings.violations(change.settings()));
        }
        if (change.bakeSeconds() != null && FieldRules.bakeSeconds(change.bakeSeconds()) != null) {
            out.add(new Violation("bakeSeconds", FieldRules.bakeSeconds(change.bakeSeconds())));
        }
        return Refusal.ifAny(out);
    }

    /**
     * The configuration a request asks for: the whole of it, what is left out reset (no URL, no settings, no
     * approvals, the platform's bake period); protected if it says so, else only if it is {@code production}.
     */
    public static EnvironmentChange asked(String environment, String url, Settings settings, Boolean isProtected,
            Boolean approvalRequired, Integer bakeSeconds) {
        return new EnvironmentChange(url, Settings.flat(settings),
                isProtected == null ? PRODUCTION.equals(environment) : isProtected,
                Boolean.TRUE.equals(approvalRequired), bakeSeconds);
    }

    /** PRD section 9's configuration of an environment a new project gets: its default settings, no URL. */
    public static EnvironmentChange defaults(String projectId, String environment) {
        Map<String, String> settings = EnvironmentSettings.defaults(projectId, environment);
        return new EnvironmentChange(null, settings, PRODUCTION.equals(environment), false, null);
    }

    private static List<Violation> nameViolations(String projectId, String environment) {
        List<Violation> out = new ArrayList<>();
        name(out, "projectId", projectId);
        name(out, "environment", environment);
        return out;
    }

    private static void url(List<Violation> out, String url) {
        if (FieldRules.line(url, FieldRules.URL) != null) {
            out.add(new Violation("url", FieldRules.line(url, FieldRules.URL)));
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getHost().isBlank()) {
                out.add(new Violation("url", URL_RULE));
            }
        } catch (URISyntaxException e) {
            out.add(new Violation("url", URL_RULE));
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

    private ConfigurationRules() {
    }
}
