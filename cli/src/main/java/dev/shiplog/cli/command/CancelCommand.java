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
        return decide(root, id, "cancel", "reason", reason, "cancel requested");
    }

    /**
     * A decision on deployment {@code id} (cancel, approve, reject): POST .../{@code action}, with {@code name} =
     * {@code value} when given; prints the deployment it answered with.
     */
    static int decide(RootCommand root, String id, String action, String name, String value, String what) {
        String query = value == null ? "" : "?" + name + "=" + PathSegments.encode(value);
        Answer answer = root.gateway().post(PathSegments.path("api", "deployments", PathSegments.deploymentId(id),
                action) + query, null, Map.of());
        return decided(root.output(), answer, what);
    }

    /** Prints the deployment a decision answered with. */
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
