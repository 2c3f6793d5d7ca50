package dev.shiplog.pipeline.runtime;

/** What happens to a running server application that goes on the event log (ApplicationCrashed, ApplicationScaled). */
public interface RuntimeEvents {

    /** Instance {@code instance} of the release exited with {@code exitCode}; it starts again in that many seconds. */
    void crashed(ReleaseSpec release, int instance, int exitCode, String lastOutput, int restartInSeconds);

    /** The release runs {@code instances} instances now, {@code previous} before, for {@code reason}. */
    void scaled(ReleaseSpec release, int previous, int instances, String reason);
}
