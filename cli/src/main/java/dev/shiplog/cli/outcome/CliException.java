package dev.shiplog.cli.outcome;

/**
 * An expected way for a command to end other than with success: a message for people, the exit code for scripts
 * and, for a refusal, the API's problem document as received (printed on stdout under --json). Never shown with a
 * stack trace.
 */
public class CliException extends RuntimeException {

    private final int exitCode;
    private final String document;

    public CliException(int exitCode, String message, String document) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.document = document;
    }

    public CliException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    public static CliException unreachable(String message) {
        return new CliException(ExitCode.UNREACHABLE, message);
    }

    public int exitCode() {
        return exitCode;
    }

    /** The JSON that explains it (the API's problem; a deployment as last seen when waiting timed out), or null. */
    public String document() {
        return document;
    }
}
