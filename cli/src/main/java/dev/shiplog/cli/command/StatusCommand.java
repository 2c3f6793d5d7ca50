package dev.shiplog.cli.command;

import dev.shiplog.cli.api.Answer;
import dev.shiplog.cli.api.PathSegments;
import dev.shiplog.cli.output.Output;
import dev.shiplog.cli.output.Views;
import dev.shiplog.cli.outcome.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shiplog status <id>}: GET /api/deployments/{id}. */
@Command(name = "status", description = "Show a deployment: status, stages, source, URLs, why it failed.")
public class StatusCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "DEPLOYMENT", description = "The deployment's id.")
    String id;

    @Override
    public Integer call() {
        Answer answer = root.gateway().get(PathSegments.path("api", "deployments", PathSegments.deploymentId(id)));
        Output output = root.output();
        if (output.json()) {
            output.document(answer.body());
        } else {
            output.fields(Views.deployment(answer.json()));
        }
        return ExitCode.OK;
    }
}
