package dev.shiplog.kit.fault;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Fault hooks for the tests that prove what a crash at a given instant does: with {@code SHIPLOG_FAULT_HALT_AT} set
 * in its environment (comma-separated {@code point:EventType}, for example
 * {@code outbox.before-commit:DeploymentQueued}), the process stops dead at that point, as {@code kill -9} would stop
 * it (no shutdown hook, no goodbye to the database or the broker). Unset (always, outside those tests), a hook does
 * nothing. The points: {@code outbox.before-commit} (an event was added to the outbox, the transaction that decided
 * it has not committed) and {@code outbox.after-send} (the relay wrote the event to the log and has not yet recorded
 * that it did).
 */
public final class FaultHooks {

    private static final Logger LOG = Logger.getLogger(FaultHooks.class);
    public static final String VARIABLE = "SHIPLOG_FAULT_HALT_AT";
    private static final Set<String> ARMED = parse(System.getenv(VARIABLE));

    static Set<String> parse(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the hook {@code point} is armed for events of {@code type} (a simple class name). */
    public static boolean armed(String point, String type) {
        return !ARMED.isEmpty() && ARMED.contains(point + ":" + type);
    }

    /** Stops the process dead if the hook {@code point} is armed for {@code type}. */
    public static void at(String point, String type) {
        if (armed(point, type)) {
            LOG.errorf("fault hook %s:%s armed (%s): halting now", point, type, VARIABLE);
            Runtime.getRuntime().halt(137);
        }
    }

    private FaultHooks() {
    }
}
