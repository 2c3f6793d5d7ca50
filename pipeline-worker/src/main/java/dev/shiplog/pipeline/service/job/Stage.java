package dev.shiplog.pipeline.service.job;

/**
 * One stage of a deployment's job (build, upload, deploy, verify). A job is the list of its stages; each gets the
 * run's {@link JobContext} and says how it ended. The job writes StageStarted and StageCompleted around it, and the
 * deployment's end when a stage does not succeed.
 */
public interface Stage {

    /** How a stage ended: succeeded (with a message), failed (with the reason), or stopped. */
    record Outcome(Kind kind, String message) {
        /** The three ends of a stage. */
        public enum Kind { SUCCEEDED, FAILED, STOPPED }

        static Outcome succeeded(String message) {
            return new Outcome(Kind.SUCCEEDED, message);
        }

        static Outcome failed(String reason) {
            return new Outcome(Kind.FAILED, reason);
        }

        static Outcome stopped() {
            return new Outcome(Kind.STOPPED, null);
        }
    }

    /** Which stage of the catalog this is. */
    dev.shiplog.schema.common.Stage name();

    Outcome run(JobContext job) throws Exception;
}
