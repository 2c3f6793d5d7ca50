package dev.shiplog.schema.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings an environment may have (PRD section 9: scaling, logging, caching, domain), their types and ranges.
 * On the log they travel as a flat map ({@code scaling.instances=1}, {@code logLevel=debug}, ...); the APIs take and
 * show them typed, and refuse an unknown key, a wrong type or a value out of range naming the setting, so nothing
 * invalid reaches the log. (Events written before the settings had a schema keep whatever they held: consumers read
 * them with the catalog's generic rules.)
 * <ul>
 * <li>{@code scaling}: a fixed number of {@code instances} (1 to 100), or auto-scaling bounds {@code min} and
 * {@code max} (1 to 1000, {@code min <= max}), never both;</li>
 * <li>{@code logLevel}: {@code debug}, {@code info}, {@code warn} or {@code error};</li>
 * <li>{@code caching}: {@code enabled} or {@code disabled} (the local runtime lets clients cache an enabled one);</li>
 * <li>{@code domain}: a host name, at most 253 characters;</li>
 * <li>{@code buildLimits}: what one build may use, {@code memoryMb} (64 to 65536), {@code processes} (16 to 32768),
 * {@code cpus} (0.1 to 64) and {@code diskMb} (16 to 1048576); what is not set is the platform's default, and the
 * platform's ceiling caps each (the pipeline-worker's {@code shiplog.build.limits.*});</li>
 * <li>{@code instanceLimits}: what one instance of a server application may use, {@code memoryMb} (16 to 65536),
 * {@code processes} (8 to 32768) and {@code cpus} (0.1 to 64); the same way, the platform's default for what is not
 * set ({@code shiplog.runtime.instance-limits.*}), capped by its ceiling.</li>
 * </ul>
 */
public final class EnvironmentSettings {

    public static final int MAX_INSTANCES = 100;
    public static final int MAX_AUTOSCALE = 1000;
    public static final List<String> LOG_LEVELS = List.of("debug", "info", "warn", "error");
    static final Pattern HOST = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** Every key the schema knows, with the rule of its value. */
    public static final Map<String, Function<String, String>> KEYS = Map.ofEntries(
            Map.entry("buildLimits.memoryMb", v -> integer(v, 64, 65536)),
            Map.entry("buildLimits.processes", v -> integer(v, 16, 32768)),
            Map.entry("buildLimits.cpus", v -> decimal(v, 0.1, 64)),
            Map.entry("buildLimits.diskMb", v -> integer(v, 16, 1048576)),
            Map.entry("instanceLimits.memoryMb", v -> integer(v, 16, 65536)),
            Map.entry("instanceLimits.processes", v -> integer(v, 8, 32768)),
            Map.entry("instanceLimits.cpus", v -> decimal(v, 0.1, 64)),
            Map.entry(
"scaling.instances", v -> integer(v, 1, MAX_INSTANCES)),
            Map.entry("scaling.min", v -> integer(v, 1, MAX_AUTOSCALE)),
            Map.entry("scaling.max", v -> integer(v, 1, MAX_AUTOSCALE)),
            Map.entry("logLevel", v -> LOG_LEVELS.contains(v) ? null : "must be one of "
                    + String.join(", ", LOG_LEVELS)),
            Map.entry("caching", v -> v.equals("enabled") || v.equals("disabled") ? null
                    : "must be enabled or disabled"),
            Map.entry("domain", v -> HOST.matcher(v).matches() ? null : "must be a host name (lower case letters,"
                    + " digits, dots, dashes; at most 253)"));

    /** Every rule the flat settings break, by the setting's name ({@code settings.scaling.min}). */
    public static List<EventRules.Violation> violations(Map<String, String> settings) {
        List<EventRules.Violation> out = new ArrayList<>();
        settings.forEach((key, value) -> {
            Function<String, String> rule = KEYS.get(key);
            if (rule == null) {
                out.add(new EventRules.Violation("settings." + key, "is not a setting (known: scaling, logLevel,"
                        + " caching, domain, buildLimits, instanceLimits)"));
            } else if (value == null || rule.apply(value) != null) {
                out.add(new EventRules.Violation("settings." + key, value == null ? "is required" : rule.apply(value)));
            }
        });
        boolean fixed = settings.containsKey("scaling.instances");
        boolean auto = settings.containsKey("scaling.min") || settings.containsKey("scaling.max");
        if (fixed && auto) {
            out.add(new EventRules.Violation("settings.scaling", "is either a number of instances or auto-scaling"
                    + " bounds (min, max), not both"));
        } else if (auto && !(settings.containsKey("scaling.min") && settings.containsKey("scaling.max"))) {
            out.add(new EventRules.Violation("settings.scaling", "auto-scaling needs both min and max"));
        } else if (auto && out.isEmpty()
                && Integer.parseInt(settings.get("scaling.min")) > Integer.parseInt(settings.get("scaling.max"))) {
            out.add(new EventRules.Violation("settings.scaling.min", "must be at most max"));
        }
        return out;
    }

    /** PRD section 9's defaults: staging runs one instance, logs debug, caches nothing; production the opposite. */
    public static Map<String, String> defaults(String projectId, String environment) {
        Map<String, String> out = new LinkedHashMap<>();
        if (environment.equals("production")) {
            out.put("scaling.min", "2");
            out.put("scaling.max", "10");
            out.put("logLevel", "info");
            out.put("caching", "enabled");
            out.put("domain", projectId + ".example.com");
        } else {
            out.put("scaling.instances", "1");
            out.put("logLevel", "debug");
            out.put("caching", "disabled");
            out.put("domain", environment + "." + projectId + ".example.com");
        }
        return new TreeMap<>(out);
    }

    private static String decimal(String value, double min, double max) {
        if (!value.matches("[0-9]{1,3}(\\.[0-9]{1,2})?")) {
            return "must be a number such as 0.5 or 2 (at most two decimals)";
        }
        double n = Double.parseDouble(value);
        return n >= min && n <= max ? null : "must be between " + min + " and " + (int) max;
    }

    private static String integer(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            return n >= min && n <= max ? null : "must be between " + min + " and " + max;
        } catch (NumberFormatException e) {
            return "must be a whole number";
        }
    }

    private EnvironmentSettings() {
    }
}
