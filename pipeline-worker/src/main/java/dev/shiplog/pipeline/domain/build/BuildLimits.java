package dev.shiplog.pipeline.domain.build;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one build, or one instance of a server application, may use: memory, processes at once, CPU and (a build)
 * disk (its workspace). An environment sets its own with the {@code buildLimits} or {@code instanceLimits} settings
 * (as its deployment's snapshot recorded them); what it does not set is the platform's default
 * ({@code shiplog.build.limits.*}, {@code shiplog.runtime.instance-limits.*}); nothing goes past the platform's
 * ceiling ({@code ...max-*}). A build past its memory, process or disk limit fails with a reason that names the limit
 * and where it was set; an instance past its memory limit is killed and restarted, its crash saying so; CPU is
 * throttled, never failed.
 */
public record BuildLimits(long memoryMb, int processes, double cpus, long diskMb, Set<Kind> fromSettings,
        List<String> notes, Scope scope) {

    public BuildLimits(long memoryMb, int processes, double cpus, long diskMb, Set<Kind> fromSettings,
            List<String> notes) {
        this(memoryMb, processes, cpus, diskMb, fromSettings, notes, Scope.BUILD);
    }

    /** What the limits hold: a build, or an instance of a server application. */
    public enum Scope {
        BUILD("buildLimits", "shiplog.build.limits", "the build"),
        INSTANCE("instanceLimits", "shiplog.runtime.instance-limits", "the instance");

        private final String settings;
        private final String platform;
        private final String what;

        Scope(String settings, String platform, String what) {
            this.settings = settings;
            this.platform = platform;
            this.what = what;
        }
    }

    /** The four limits, each with the environment setting and the platform setting that set it. */
    public enum Kind {
        MEMORY("memoryMb", "memory-mb"),
        PROCESSES("processes", "processes"),
        CPU("cpus", "cpus"),
        DISK("diskMb", "disk-mb");

        private final String setting;
        private final String platform;

        Kind(String setting, String platform) {
            this.setting = setting;
            this.platform = platform;
        }

        /** The environment's setting ({@code settings.buildLimits.memoryMb}). */
        public String setting(Scope scope) {
            return "settings." + key(scope);
        }

        /** The key of the flat settings on the log ({@code buildLimits.memoryMb}). */
        public String key(Scope scope) {
            return scope.settings + "." + setting;
        }

        /** The platform's default ({@code shiplog.build.limits.memory-mb}). */
        public String platformDefault(Scope scope) {
            return scope.platform + "." + platform;
        }

        /** The platform's ceiling ({@code shiplog.build.limits.max-memory-mb}). */
        public String platformCeiling(Scope scope) {
            return scope.platform + ".max-" + platform;
        }
    }

    /** The platform's defaults and ceilings. */
    public record Platform(long memoryMb, int processes, double cpus, long diskMb, long maxMemoryMb, int maxProcesses,
            double maxCpus, long maxDiskMb) {
    }

    /** The limits of a build of an environment with these (flat) settings. */
    public static BuildLimits of(Map<String, String> settings, Platform platform) {
        return of(Scope.BUILD, settings, platform);
    }

    /** The limits of {@code scope} (a build, an instance) of an environment with these (flat) settings. */
    public static BuildLimits of(Scope scope, Map<String, String> settings, Platform platform) {
        Set<Kind> set = EnumSet.noneOf(Kind.class);
        List<String> notes = new ArrayList<>();
        long memory = (long) pick(scope, settings, Kind.MEMORY, platform.memoryMb(), platform.maxMemoryMb(), set,
                notes);
        int processes = (int) pick(scope, settings, Kind.PROCESSES, platform.processes(), platform.maxProcesses(),
                set, notes);
        double cpus = pick(scope, settings, Kind.CPU, platform.cpus(), platform.maxCpus(), set, notes);
        long disk = (long) pick(scope, settings, Kind.DISK, platform.diskMb(), platform.maxDiskMb(), set, notes);
        return new BuildLimits(memory, processes, cpus, disk, Set.copyOf(set), List.copyOf(notes), scope);
    }

    private static double pick(Scope scope, Map<String, String> settings, Kind kind, double fallback,
            double ceiling, Set<Kind> set, List<String> notes) {
        String asked = settings.get(kind.key(scope));
        double value = fallback;
        if (asked != null) {
            try {
                value = Double.parseDouble(asked);
                set.add(kind);
            } catch (NumberFormatException e) {
                notes.add(kind.setting(scope) + " is not a number (" + asked.replaceAll("\\p{Cntrl}", "?")
                        + "): the platform's default applies");
            }
        }
        if (value > ceiling) {
            notes.add(kind.setting(scope) + " asks for " + format(kind, value) + ", past the platform's ceiling of "
                    + format(kind, ceiling) + " (" + kind.platformCeiling(scope) + "): the ceiling applies");
            set.remove(kind);
            return ceiling;
        }
        return value;
    }

    /** Why a build that went past the {@code kind} limit failed: the limit, its value and where it was set. */
    public String exceeded(Kind kind) {
        String value = format(kind, value(kind));
        String by = fromSettings.contains(kind) ? "set by the environment's " + kind.setting(scope)
                : "the platform's default, " + kind.platformDefault(scope) + "; an environment sets its own with "
                        + kind.setting(scope);
        return switch (kind) {
            case MEMORY -> scope.what + " went over its memory limit of " + value + " (" + by + ")";
            case PROCESSES -> scope.what + " reached its limit of " + value + " processes at once (" + by + ")";
            case DISK -> scope.what + " wrote more than its disk limit of " + value + " (" + by + ")";
            case CPU -> scope.what + " was held to " + value + " (" + by + ")";
        };
    }

    /** The limits in a line of the build's log (an instance's: no disk, it has no workspace of its own). */
    public String describe() {
        return "limits: memory " + format(Kind.MEMORY, memoryMb) + ", " + processes + " processes, "
                + format(Kind.CPU, cpus) + (scope == Scope.BUILD ? ", disk " + format(Kind.DISK, diskMb) : "");
    }

    private double value(Kind kind) {
        return switch (kind) {
            case MEMORY -> memoryMb;
            case PROCESSES -> processes;
            case CPU -> cpus;
            case DISK -> diskMb;
        };
    }

    private static String format(Kind kind, double value) {
        return switch (kind) {
            case MEMORY, DISK -> (long) value + " MiB";
            case PROCESSES -> Long.toString((long) value);
            case CPU -> String.format(Locale.ROOT, "%s CPU", value == Math.floor(value) ? Long.toString((long) value)
                    : Double.toString(value));
        };
    }
}
