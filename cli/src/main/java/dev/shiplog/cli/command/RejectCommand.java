package dev.shiplog.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shiplog reject <id>}: POST /api/deployments/{id}/reject. */
@Command(name = "reject", description = "Reject a deployment waiting for an approval (a maintainer other than its"
        + " requester): it never runs.")
public class RejectCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "DEPLOYMENT", description = "The deployment's id.")
    String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept with the decision).")
    String reason;

    @Override
    public Integer call() {
        return CancelCommand.decide(root, id, "reject", "reason", reason, "rejected");
    }
}
