package dev.shiplog.cli.outcome;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The exit codes scripts can trust, one per kind of outcome, and the rules that map an outcome to one: a deployment's
 * final status, an HTTP status of the gateway.
 */
public final class ExitCode {

    public static final int OK = 0;
    /** The deployment ended failed, cancelled or rolled back. */
    public static final int FAILED = 1;
    /** The command line (or the configuration) is wrong: nothing was sent. */
    public static final int USAGE = 2;
    /** The API refused the request (a 4xx answer). */
    public static final int REFUSED = 3;
    /** The deployment did not end within --timeout. */
    public static final int TIMED_OUT = 4;
    /** The gateway cannot be reached, or answered with a 5xx. */
    public static final int UNREACHABLE = 5;
    /** Anything else: a bug of the CLI. */
    public static final int INTERNAL = 70;

    /** The statuses after which nothing moves a deployment (as the API names them). */
    public static final Set<String> FINAL_STATUSES = Set.of("success", "failed", "cancelled", "rolled_back");

    /** For every command's help: code, then what it means. */
    public static final Map<String, String> DESCRIPTIONS = descriptions();

    /** Whether a deployment in {@code status} is over. */
    public static boolean isFinal(String status) {
        return status != null && FINAL_STATUSES.contains(status.toLowerCase(Locale.ROOT));
    }

    /** The exit code of a deployment that is over: 0 for success, 1 for any other end. */
    public static int forFinalStatus(String status) {
        if (!isFinal(status)) {
            throw new IllegalArgumentException("not a final status: " + status);
        }
        return "success".equalsIgnoreCase(status) ? OK : FAILED;
    }

    /** The exit code of an HTTP answer: 0 for 2xx and 3xx, 3 for 4xx, 5 for 5xx (and anything stranger). */
    public static int forHttpStatus(int status) {
        if (status >= 200 && status < 400) {
            return OK;
        }
        return status >= 400 && status < 500 ? REFUSED : UNREACHABLE;
    }

    private static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" " + OK, "ok (with --follow: the deployment succeeded)");
        codes.put(" " + FAILED, "the deployment failed, was cancelled or rolled back");
        codes.put(" " + USAGE, "usage or configuration error: nothing was sent");
        codes.put(" " + REFUSED, "refused by the API (4xx: invalid, unauthorized, forbidden, not found, conflict)");
        codes.put(" " + TIMED_OUT, "timed out waiting (--timeout); the deployment goes on");
        codes.put(" " + UNREACHABLE, "cannot reach the gateway, or it answered 5xx");
        codes.put(String.valueOf(INTERNAL), "an unexpected error of the CLI (a bug)");
        return codes;
    }

    private ExitCode() {
    }
}
