package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplog.cli.api.Answer;
import dev.shiplog.cli.api.PathSegments;
import dev.shiplog.cli.output.Output;
import dev.shiplog.cli.output.Views;
import dev.shiplog.cli.outcome.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shiplog releases <project> <env>}: GET /api/projects/{id}/environments/{env}/releases. */
@Command(name = "releases", description = "List every release that was live in an environment, newest first, and"
        + " whether it can still be restored (rollback --to).")
public class ReleasesCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project id.")
    String project;

    @Parameters(index = "1", paramLabel = "ENV", description = "The environment.")
    String environment;

    @Option(names = "--page", paramLabel = "N", defaultValue = "0", description = "The page (from 0).")
    int page;

    @Option(names = "--size", paramLabel = "N", defaultValue = "20", description = "Releases per page.")
    int size;

    @Override
    public Integer call() {
        Answer answer = root.gateway().get(PathSegments.path("api", "projects", PathSegments.project(project),
                "environments", PathSegments.environment(environment), "releases") + "?page=" + page + "&size="
                + size);
        Output output = root.output();
        if (output.json()) {
            output.document(answer.body());
            return ExitCode.OK;
        }
        JsonNode releases = answer.json();
        output.table(Views.RELEASE_HEADINGS, Views.releases(releases));
        JsonNode pin = releases.path("pin");
        if (pin.isObject()) {
            output.text("pinned by " + Views.text(pin, "by") + " after rollback " + Views.text(pin,
                    "rollbackDeploymentId") + ": " + Views.text(pin, "reason"));
        }
        return ExitCode.OK;
    }
}
