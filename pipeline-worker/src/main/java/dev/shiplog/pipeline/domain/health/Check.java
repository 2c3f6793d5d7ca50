package dev.shiplog.pipeline.domain.health;

/**
 * One health check of a release, as the rules see it: healthy (no problem), slow (it answered below 400, but after
 * the limit, or a server application answered with some of its instances missing), or failed (no answer in time, or
 * 400 and above), with what was wrong.
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

    /**
     * What a server application's answer says of its instances ({@code X-Shiplog-Instances: <ready>/<wanted>}): null
     * when every one serves (or the answer says nothing of them), otherwise how many are missing.
     */
    public static String shortOfInstances(String header) {
        if (header == null || !header.matches("\\d{1,4}/\\d{1,4}")) {
            return null;
        }
        int ready = Integer.parseInt(header.substring(0, header.indexOf('/')));
        int wanted = Integer.parseInt(header.substring(header.indexOf('/') + 1));
        return ready < wanted ? "only " + ready + " of " + wanted + " instances serve" : null;
    }
}
