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

/** {@code shiplog envs <project>}: GET /api/projects/{id}/environments. */
@Command(name = "envs", description = "List a project's environments: what is live in each, its health, its pin.")
public class EnvsCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "PROJECT", description = "The project id.")
    String project;

    @Override
    public Integer call() {
        Answer answer = root.gateway().get(PathSegments.path("api", "projects", PathSegments.project(project),
                "environments"));
        Output output = root.output();
        if (output.json()) {
            output.document(answer.body());
        } else {
            output.table(Views.ENVIRONMENT_HEADINGS, Views.environments(answer.json()));
        }
        return ExitCode.OK;
    }
}
