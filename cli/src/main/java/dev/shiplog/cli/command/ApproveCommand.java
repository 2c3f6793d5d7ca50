package dev.shiplog.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shiplog approve <id>}: POST /api/deployments/{id}/approve. */
@Command(name = "approve", description = "Approve a deployment waiting for an approval (a maintainer other than its"
        + " requester): it runs when its turn comes.")
public class ApproveCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "DEPLOYMENT", description = "The deployment's id.")
    String id;

    @Option(names = "--comment", paramLabel = "TEXT", description = "A comment kept with the approval.")
    String comment;

    @Override
    public Integer call() {
        return CancelCommand.decide(root, id, "approve", "comment", comment, "approved");
    }
}
