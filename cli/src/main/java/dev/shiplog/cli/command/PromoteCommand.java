package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplog.cli.api.Answer;
import dev.shiplog.cli.api.PathSegments;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shiplog promote <id> --to <env>}: POST /api/deployments/{id}/promote. */
@Command(name = "promote", description = "Deploy a successful deployment's very artifact to another environment,"
        + " with that environment's configuration (no build).",
        footer = { "%nExample:", "  shiplog promote 6f1c... --to production --follow" })
public class PromoteCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Mixin
    FollowOptions follow;

    @Parameters(paramLabel = "DEPLOYMENT", description = "The successful deployment to promote.")
    String id;

    @Option(names = "--to", required = true, paramLabel = "ENV", description = "The environment to promote to.")
    String environment;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Schedule it, e.g. 2030-01-31T22:00:00Z.")
    String scheduledAt;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Makes a retried command the same"
            + " promotion.")
    String idempotencyKey;

    @Override
    public Integer call() {
        ObjectNode body = JSON.createObjectNode().put("environment", PathSegments.environment(environment));
        if (scheduledAt != null) {
            body.put("scheduledAt", scheduledAt);
        }
        Answer answer = root.gateway().post(PathSegments.path("api", "deployments", PathSegments.deploymentId(id),
                "promote"), body.toString(), idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key",
                        idempotencyKey));
        return Deployments.accepted(root, answer, follow, "promotion");
    }
}
