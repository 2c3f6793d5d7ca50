package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplog.cli.api.Answer;
import dev.shiplog.cli.api.GatewayClient;
import dev.shiplog.cli.api.PathSegments;
import dev.shiplog.cli.outcome.CliException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code shiplog rollback}: POST /api/deployments/{id}/rollback, of a deployment, or of what is live in an
 * environment (its live release, as the gateway's release history shows it).
 */
@Command(name = "rollback", description = { "Return an environment to an earlier release: its artifact and"
        + " configuration snapshot as they were (no build). The environment is pinned until someone unpins it.",
    "Name the deployment to roll back, or the environment (-p, -e) whose live release it is." },
        footer = { "%nExamples:", "  shiplog rollback -p shop -e production --reason 'checkout broken' --follow",
            "  shiplog rollback 6f1c... --to 2b7e...   # back to that earlier release" })
public class RollbackCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Mixin
    FollowOptions follow;

    @Parameters(arity = "0..1", paramLabel = "DEPLOYMENT", description = "The deployment to roll back (default: the"
            + " one live in --project / --env).")
    String id;

    @Option(names = { "-p", "--project" }, paramLabel = "PROJECT", description = "The project (with --env).")
    String project;

    @Option(names = { "-e", "--env" }, paramLabel = "ENV", description = "The environment (with --project).")
    String environment;

    @Option(names = "--to", paramLabel = "DEPLOYMENT", description = "The release to return to (default: the one"
            + " live before).")
    String target;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the release history).")
    String reason;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Makes a retried command the same"
            + " rollback.")
    String idempotencyKey;

    @Override
    public Integer call() {
        boolean byEnvironment = project != null || environment != null;
        if (byEnvironment == (id != null) || (byEnvironment && (project == null || environment == null))) {
            throw CliException.usage("name either a deployment, or an environment with --project and --env");
        }
        ObjectNode body = JSON.createObjectNode();
        if (target != null) {
            body.put("targetDeploymentId", PathSegments.deploymentId(target));
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        GatewayClient gateway = root.gateway();
        String deployment = id != null ? PathSegments.deploymentId(id)
                : Deployments.live(gateway, project, environment);
        Answer answer = gateway.post(PathSegments.path("api", "deployments", deployment, "rollback"),
                body.toString(), idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
        return Deployments.accepted(root, answer, follow, "rollback");
    }
}
