package dev.shiplog.schema.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Checks a command or event read from the log against {@link FieldRules}, by field name, at any depth: everything
 * read from the log is input too. An event that breaks a rule is refused by the consumer (dead-lettered with the
 * rule) before any of its values becomes a path, an argument, a key or a row.
 *
 * <p>Identifiers, names, digests and whatever the pipeline turns into commands or paths are checked strictly.
 * Free text that is only shown (reasons, messages, log text) is not checked here: it is stored as it is, NUL
 * replaced ({@link FieldRules#storable}).
 */
public final class EventRules {

    /** A broken rule: the field's path in the record ({@code config.healthCheckPath}) and the rule. */
    public record Violation(String field, String rule) {
        @Override
        public String toString() {
            return field + ": " + rule;
        }
    }

    static final Set<String> IDENTIFIERS = Set.of("eventId", "causationId", "deploymentId", "restoredDeploymentId",
            "targetDeploymentId", "sourceDeploymentId", "previousDeploymentId", "releaseId", "blockedBy", "commandId",
            "notificationId", "triggerEventId", "tokenId", "replacedDeploymentId", "promotedFrom",
            "rollbackDeploymentId");
    static final Set<String> NAMES = Set.of("projectId", "environment", "targetEnvironment");
    static final Set<String> DIGESTS = Set.of("artifactId", "archiveId", "secretSha256");
    static final Set<String> URLS = Set.of("url", "deploymentUrl", "environmentUrl", "artifactUrl");
    static final Map<String, Function<String, String>> TEXT_RULES = Map.ofEntries(
            Map.entry("actor", v -> FieldRules.line(v, FieldRules.ACTOR)),
            Map.entry("correlationId", v -> FieldRules.line(v, FieldRules.CORRELATION_ID)),
            Map.entry("version", v -> FieldRules.line(v, FieldRules.VERSION)),
            Map.entry("idempotencyKey", v -> FieldRules.line(v, FieldRules.IDEMPOTENCY_KEY)),
            Map.entry("gitUrl", FieldRules::gitUrl),
            Map.entry("gitCommit", FieldRules::gitCommit),
            Map.entry("gitBranch", FieldRules::gitBranch),
            Map.entry("installCommand", v -> FieldRules.text(v, FieldRules.COMMAND)),
            Map.entry("buildCommand", v -> FieldRules.text(v, FieldRules.COMMAND)),
            Map.entry("startCommand", v -> FieldRules.text(v, FieldRules.COMMAND)),
            Map.entry("outputDirectory", FieldRules::relativePath),
            Map.entry("healthCheckPath", FieldRules::healthCheckPath),
            Map.entry("nodeVersion", FieldRules::nodeVersion),
            Map.entry("commandType", v -> FieldRules.line(v, 100)),
            Map.entry("triggerEventType", v -> FieldRules.line(v, 100)),
            Map.entry("channel", v -> FieldRules.line(v, 100)),
            Map.entry("target", v -> FieldRules.line(v, 500)),
            Map.entry("subject", FieldRules::subject),
            Map.entry("role", FieldRules::role),
            Map.entry("actorRole", FieldRules::actorRole),
            Map.entry("name", v -> FieldRules.line(v, 200)),
            Map.entry("action", v -> FieldRules.line(v, FieldRules.ACTION)),
            Map.entry("credential", v -> FieldRules.line(v, FieldRules.CREDENTIAL)),
            Map.entry("repositoryUrl", FieldRules::gitUrl),
            Map.entry("defaultBranch", FieldRules::gitBranch),
            Map.entry("commit", FieldRules::gitCommit),
            Map.entry("sha", FieldRules::gitCommit),
            Map.entry("keyId", FieldRules::keyId),
            Map.entry("verdict", v -> java.util.List.of("passed", "failed", "replaced").contains(v) ? null
                    : "must be passed, failed or replaced"),
            Map.entry("worker", v -> FieldRules.line(v, 200)),
            Map.entry("ciphertext", v -> FieldRules.line(v, FieldRules.CIPHERTEXT)));

    static final Map<String, Function<Integer, String>> INTEGERS = Map.of(
            "timeoutSeconds", FieldRules::timeoutSeconds,
            "bakeSeconds", FieldRules::bakeSeconds,
            "keepLast", FieldRules::keepLast,
            "keepDays", FieldRules::keepDays);

    /** Every rule {@code record} breaks; empty when it may be used. */
    public static List<Violation> violations(SpecificRecord record) {
        List<Violation> out = new ArrayList<>();
        walk(record, "", out);
        return out;
    }

    private static void walk(SpecificRecord record, String prefix, List<Violation> out) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            String path = prefix + field.name();
            if (value == null) {
                continue;
            }
            if (value instanceof SpecificRecord nested) {
                walk(nested, path + ".", out);
            } else if (value instanceof CharSequence text) {
                String rule = rule(field.name(), text.toString());
                if (rule != null) {
                    out.add(new Violation(path, rule));
                }
            } else if (value instanceof Map<?, ?> map && (field.name().equals("environmentVariables")
                    || field.name().equals("variables"))) {
                variables(map, path, out);
            } else if (value instanceof Map<?, ?> map && field.name().equals("settings")) {
                settings(map, path, out);
            } else if (value instanceof Integer number && INTEGERS.containsKey(field.name())) {
                String rule = INTEGERS.get(field.name()).apply(number);
                if (rule != null) {
                    out.add(new Violation(path, rule));
                }
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof SpecificRecord item) {
                        walk(item, path + "[" + i + "].", out);
                    }
                }
            }
        }
    }

    static String rule(String field, String value) {
        if (IDENTIFIERS.contains(field)) {
            return FieldRules.identifier(value);
        }
        if (NAMES.contains(field)) {
            return FieldRules.name(value);
        }
        if (DIGESTS.contains(field)) {
            return FieldRules.sha256(value);
        }
        if (URLS.contains(field)) {
            return FieldRules.line(value, FieldRules.URL);
        }
        Function<String, String> rule = TEXT_RULES.get(field);
        return rule == null ? null : rule.apply(value);
    }

    /** The rules of an environment's settings: how many, their keys, their values (one line each). */
    public static void settings(Map<?, ?> settings, String path, List<Violation> out) {
        if (settings.size() > FieldRules.SETTINGS) {
            out.add(new Violation(path, "at most " + FieldRules.SETTINGS + " settings"));
        }
        settings.forEach((key, value) -> {
            String rule = FieldRules.settingKey(String.valueOf(key));
            if (rule == null) {
                rule = value == null ? "value is required" : FieldRules.settingValue(value.toString());
            }
            if (rule != null) {
                out.add(new Violation(path + "." + key, rule));
            }
        });
    }

    /** The rules of a deployment's variables: how many, their names, their values. */
    public static void variables(Map<?, ?> variables, String path, List<Violation> out) {
        if (variables.size() > FieldRules.VARIABLES) {
            out.add(new Violation(path, "at most " + FieldRules.VARIABLES + " variables"));
        }
        variables.forEach((name, value) -> {
            String field = path + "." + name;
            String rule = FieldRules.variableName(String.valueOf(name));
            if (rule == null && value == null) {
                rule = "value is required";
            }
            if (rule == null) {
                rule = FieldRules.text(value.toString(), FieldRules.VARIABLE_VALUE);
                if (rule == null && value.toString().indexOf('\0') >= 0) {
                    rule = "must not contain NUL";
                }
            }
            if (rule != null) {
                out.add(new Violation(field, rule));
            }
        });
    }

    private EventRules() {
    }
}
