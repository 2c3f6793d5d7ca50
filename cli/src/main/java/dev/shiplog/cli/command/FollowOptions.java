package dev.shiplog.cli.command;

import java.time.Duration;
import picocli.CommandLine.Option;

/** --follow and --timeout, for every command that starts a deployment. */
public class FollowOptions {

    @Option(names = { "-f", "--follow" }, description = "Stream the deployment's log and wait for its end; exit 0 if"
            + " it succeeded, 1 if it failed or was cancelled, 4 past --timeout.")
    boolean follow;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15m", converter = DurationConverter.class,
            description = "How long --follow waits (e.g. 90s, 10m; default: ${DEFAULT-VALUE}).")
    Duration timeout;
}
