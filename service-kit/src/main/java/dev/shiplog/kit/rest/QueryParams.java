package dev.shiplog.kit.rest;

/**
 * Query parameters read as text and checked here, so a value of the wrong type is a 400 naming the parameter (a
 * JAX-RS {@code int} parameter that cannot be converted is a bare 404).
 */
public final class QueryParams {

    /** {@code value} as a whole number in [min, max], {@code fallback} when absent. */
    public static int integer(String name, String value, int fallback, int min, int max) {
        return (int) whole(name, value, fallback, min, max);
    }

    /** As {@link #integer}, for longs. */
    public static long whole(String name, String value, long fallback, long min, long max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not a number: the same answer as out of range
        }
        throw new InvalidInputException(name, "must be a whole number between " + min + " and " + max);
    }

    private QueryParams() {
    }
}
