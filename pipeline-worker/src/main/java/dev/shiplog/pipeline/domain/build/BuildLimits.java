package dev.shiplog.pipeline.domain.build;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one build may use: memory, processes at once, CPU and disk (its workspace). An environment sets its own with
 * the {@code buildLimits} settings (as its deployment's snapshot recorded them); what it does not set is the
 * platform's default ({@code shiplog.build.limits.*}); nothing goes past the platform's ceiling
 * ({@code shiplog.build.limits.max-*}). A build past its memory, process or disk limit fails with a reason that names
 * the limit and where it was set; CPU is throttled, never failed (the build's timeout bounds its time).
 */
public record BuildLimits(long memoryMb, int processes, double cpus, long diskMb, Set<Kind> fromSettings,
        List<String> notes) {

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
        public String setting() {
            return "settings.buildLimits." + setting;
        }

        /** The key of the flat settings on the log ({@code buildLimits.memoryMb}). */
        public String key() {
            return "buildLimits." + setting;
        }

        /** The platform's default ({@code shiplog.build.limits.memory-mb}). */
        public String platformDefault() {
            return "shiplog.build.limits." + platform;
        }

        /** The platform's ceiling ({@code shiplog.build.limits.max-memory-mb}). */
        public String platformCeiling() {
            return "shiplog.build.limits.max-" + platform;
        }
    }

    /** The platform's defaults and ceilings. */
    public record Platform(long memoryMb, int processes, double cpus, long diskMb, long maxMemoryMb, int maxProcesses,
            double maxCpus, long maxDiskMb) {
    }

    /** The limits of a build of an environment with these (flat) settings. */
    public static BuildLimits of(Map<String, String> settings, Platform platform) {
        Set<Kind> set = EnumSet.noneOf(Kind.class);
        List<String> notes = new ArrayList<>();
        long memory = (long) pick(settings, Kind.MEMORY, platform.memoryMb(), platform.maxMemoryMb(), set, notes);
        int processes = (int) pick(settings, Kind.PROCESSES, platform.processes(), platform.maxProcesses(), set, notes);
        double cpus = pick(settings, Kind.CPU, platform.cpus(), platform.maxCpus(), set, notes);
        long disk = (long) pick(settings, Kind.DISK, platform.diskMb(), platform.maxDiskMb(), set, notes);
        return new BuildLimits(memory, processes, cpus, disk, Set.copyOf(set), List.copyOf(notes));
    }

    private static double pick(Map<String, String> settings, Kind kind, double fallback, double ceiling,
            Set<Kind> set, List<String> notes) {
        String asked = settings.get(kind.key());
        double value = fallback;
        if (asked != null) {
            try {
                value = Double.parseDouble(asked);
                set.add(kind);
            } catch (NumberFormatException e) {
                notes.add(kind.setting() + " is not a number (" + asked.replaceAll("\\p{Cntrl}", "?")
                        + "): the platform's default applies");
            }
        }
        if (value > ceiling) {
            notes.add(kind.setting() + " asks for " + format(kind, value) + ", past the platform's ceiling of "
                    + format(kind, ceiling) + " (" + kind.platformCeiling() + "): the ceiling applies");
            set.remove(kind);
            return ceiling;
        }
        return value;
    }

    /** Why a build that went past the {@code kind} limit failed: the limit, its value and where it was set. */
    public String exceeded(Kind kind) {
        String value = format(kind, value(kind));
        String by = fromSettings.contains(kind) ? "set by the environment's " + kind.setting()
                : "the platform's default, " + kind.platformDefault() + "; an environment sets its own with "
                        + kind.setting();
        return switch (kind) {
            case MEMORY -> "the build went over its memory limit of " + value + " (" + by + ")";
            case PROCESSES -> "the build reached its limit of " + value + " processes at once (" + by + ")";
            case DISK -> "the build wrote more than its disk limit of " + value + " (" + by + ")";
            case CPU -> "the build was held to " + value + " (" + by + ")";
        };
    }

    /** The limits in a line of the build's log. */
    public String describe() {
        return "limits: memory " + format(Kind.MEMORY, memoryMb) + ", " + processes + " processes, "
                + format(Kind.CPU, cpus) + ", disk " + format(Kind.DISK, diskMb);
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
