package dev.shiplog.environment.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * An environment's settings, typed (PRD section 9; the schema is schemas' {@code EnvironmentSettings}): how it scales
 * ({@code instances}, or auto-scaling bounds {@code min} and {@code max}), its log level, whether responses may be
 * cached, its domain. Every field may be left out (the JSON leaves out what is not set: {@code mapping.JsonShapes}).
 * On the log the settings travel flat ({@code scaling.instances=1}, {@code caching=enabled}): {@link #flat} and
 * {@link #typed} are the one translation between the two.
 */
public record Settings(Scaling scaling, String logLevel, Boolean caching, String domain) {

    /** A fixed number of instances, or auto-scaling between min and max. */
    public record Scaling(Integer instances, Integer min, Integer max) {
    }

    public static final Settings NONE = new Settings(null, null, null, null);

    /** The settings as the log carries them; null settings are none. */
    public static Map<String, String> flat(Settings settings) {
        Map<String, String> out = new TreeMap<>();
        if (settings == null) {
            return out;
        }
        if (settings.scaling() != null) {
            put(out, "scaling.instances", settings.scaling().instances());
            put(out, "scaling.min", settings.scaling().min());
            put(out, "scaling.max", settings.scaling().max());
        }
        put(out, "logLevel", settings.logLevel());
        if (settings.caching() != null) {
            out.put("caching", settings.caching() ? "enabled" : "disabled");
        }
        put(out, "domain", settings.domain());
        return out;
    }

    /**
     * The flat settings of the log, typed. What the schema cannot type (events written before it existed: a key it
     * does not know, a number that is not one, a caching that is neither enabled nor disabled) is left out.
     */
    public static Settings typed(Map<String, String> flat) {
        Scaling scaling = flat.containsKey("scaling.instances") || flat.containsKey("scaling.min")
                || flat.containsKey("scaling.max")
                        ? new Scaling(number(flat.get("scaling.instances")), number(flat.get("scaling.min")),
                                number(flat.get("scaling.max")))
                        : null;
        String caching = flat.get("caching");
        return new Settings(scaling, flat.get("logLevel"),
                caching == null ? null : caching.equals("enabled") ? Boolean.TRUE
                        : caching.equals("disabled") ? Boolean.FALSE : null,
                flat.get("domain"));
    }

    private static void put(Map<String, String> out, String key, Object value) {
        if (value != null) {
            out.put(key, value.toString());
        }
    }

    private static Integer number(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
