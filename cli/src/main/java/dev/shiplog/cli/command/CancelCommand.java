package dev.shiplog.cli.command;

import dev.shiplog.cli.api.Answer;
import dev.shiplog.cli.api.PathSegments;
import dev.shiplog.cli.output.Output;
import dev.shiplog.cli.output.Views;
import dev.shiplog.cli.outcome.ExitCode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shiplog cancel <id>}: POST /api/deployments/{id}/cancel. */
@Command(name = "cancel", description = "Cancel a waiting or running deployment: it never goes live (refused, exit 3,"
        + " once it is over).")
public class CancelCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "DEPLOYMENT", description = "The deployment's id.")
    String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in its history).")
    String reason;

    @Override
    public Integer call() {
        String query = reason == null ? "" : "?reason=" + PathSegments.encode(reason);
        Answer answer = root.gateway().post(PathSegments.path("api", "deployments", PathSegments.deploymentId(id),
                "cancel") + query, null, Map.of());
        return decided(root.output(), answer, "cancel requested");
    }

    /** Prints the deployment a decision answered with (cancel, approve). */
    static int decided(Output output, Answer answer, String what) {
        if (output.json()) {
            output.document(answer.body());
        } else {
            output.text(what + ": " + Views.text(answer.json(), "id") + " (" + Views.text(answer.json(), "status")
                    + ")");
        }
        return ExitCode.OK;
    }
}
