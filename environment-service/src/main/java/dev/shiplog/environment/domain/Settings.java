package dev.shiplog.environment.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * An environment's settings, typed (PRD section 9; the schema is schemas' {@code EnvironmentSettings}): how it scales
 * ({@code instances}, or auto-scaling bounds {@code min} and {@code max}), its log level, whether responses may be
 * cached, its domain, what a build and what an instance of a server application may use. Every field may be left out (the JSON leaves out what is not set: {@code mapping.JsonShapes}).
 * On the log the settings travel flat ({@code scaling.instances=1}, {@code caching=enabled}): {@link #flat} and
 * {@link #typed} are the one translation between the two.
 */
public record Settings(Scaling scaling, String logLevel, Boolean caching, String domain, BuildLimits buildLimits,
        InstanceLimits instanceLimits) {

    /** A fixed number of instances, or auto-scaling between min and max. */
    public record Scaling(Integer instances, Integer min, Integer max) {
    }

    /** What one build may use; what is not set is the platform's default. */
    public record BuildLimits(Integer memoryMb, Integer processes, java.math.BigDecimal cpus, Integer diskMb) {
    }

    /** What one instance of a server application may use; what is not set is the platform's default. */
    public record InstanceLimits(Integer memoryMb, Integer processes, java.math.BigDecimal cpus) {
    }

    public static final Settings NONE = new Settings(null, null, null, null, null, null);

    public Settings(Scaling scaling, String logLevel, Boolean caching, String domain) {
        this(scaling, logLevel, caching, domain, null, null);
    }

    public Settings(Scaling scaling, String logLevel, Boolean caching, String domain, BuildLimits buildLimits) {
        this(scaling, logLevel, caching, domain, buildLimits, null);
    }

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
        BuildLimits limits = settings.buildLimits();
        if (limits != null) {
            put(out, "buildLimits.memoryMb", limits.memoryMb());
            put(out, "buildLimits.processes", limits.processes());
            put(out, "buildLimits.cpus", limits.cpus() == null ? null : text(limits.cpus()));
            put(out, "buildLimits.diskMb", limits.diskMb());
        }
        InstanceLimits instance = settings.instanceLimits();
        if (instance != null) {
            put(out, "instanceLimits.memoryMb", instance.memoryMb());
            put(out, "instanceLimits.processes", instance.processes());
            put(out, "instanceLimits.cpus", instance.cpus() == null ? null : text(instance.cpus()));
        }
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
                flat.get("domain"), buildLimits(flat), instanceLimits(flat));
    }

    /** A decimal as people write it (0.5, 2); one far out of range stays short (1E+99999), for the rules to refuse. */
    private static String text(java.math.BigDecimal value) {
        java.math.BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() > 10 || plain.precision() - plain.scale() > 10 ? plain.toString() : plain.toPlainString();
    }

    private static BuildLimits buildLimits(Map<String, String> flat) {
        if (flat.keySet().stream().noneMatch(k -> k.startsWith("buildLimits."))) {
            return null;
        }
        return new BuildLimits(number(flat.get("buildLimits.memoryMb")), number(flat.get("buildLimits.processes")),
                decimal(flat.get("buildLimits.cpus")), number(flat.get("buildLimits.diskMb")));
    }

    private static InstanceLimits instanceLimits(Map<String, String> flat) {
        if (flat.keySet().stream().noneMatch(k -> k.startsWith("instanceLimits."))) {
            return null;
        }
        return new InstanceLimits(number(flat.get("instanceLimits.memoryMb")),
                number(flat.get("instanceLimits.processes")), decimal(flat.get("instanceLimits.cpus")));
    }

    private static java.math.BigDecimal decimal(String value) {
        try {
            return value == null ? null : new java.math.BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
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
