package dev.shiplog.pipeline.domain.health;

/**
 * One health check of a release, as the rules see it: healthy (no problem), slow (it answered below 400, but after
 * the limit), or failed (no answer in time, or 400 and above), with what was wrong.
 */
public record Check(String problem, boolean failed) {

    public static final Check HEALTHY = new Check(null, false);

    public static Check failed(String problem) {
        return new Check(problem, true);
    }

    public static Check slow(String problem) {
        return new Check(problem, false);
    }

    public boolean healthy() {
        return problem == null;
    }
}
