package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplog.cli.api.Answer;
import dev.shiplog.cli.api.GatewayClient;
import dev.shiplog.cli.api.PathSegments;
import dev.shiplog.cli.output.Output;
import dev.shiplog.cli.output.Views;
import dev.shiplog.cli.outcome.CliException;
import dev.shiplog.cli.outcome.ExitCode;

/** What deploy, rollback and promote do once the API accepted a new deployment: say so, or follow it to its end. */
final class Deployments {

    private Deployments() {
    }

    /**
     * Prints the accepted answer ({@code {id, status, statusUrl}}), or with --follow streams the deployment and
     * returns the exit code of its end (its final state as JSON under --json).
     */
    static int accepted(RootCommand root, Answer answer, FollowOptions follow, String what) {
        Output output = root.output();
        JsonNode accepted = answer.json();
        String id = Views.text(accepted, "id");
        if (!follow.follow) {
            if (output.json()) {
                output.document(answer.body());
            } else {
                output.text(what + " accepted: " + id + " (" + Views.text(accepted, "status") + ")\n"
                        + "follow it with: shiplog logs --follow " + id);
            }
            return ExitCode.OK;
        }
        if (!output.json()) {
            output.note("shiplog: " + what + " " + id + " accepted; following it (Ctrl-C stops following, not the"
                    + " deployment)");
        }
        return follow(root, id, follow, output.json() ? Progress.Logs.STDERR : Progress.Logs.STDOUT, null);
    }

    /** Follows deployment {@code id} to its end: the exit code of its final status. */
    static int follow(RootCommand root, String id, FollowOptions follow, Progress.Logs logs, String stream) {
        Output output = root.output();
        Progress progress = new Progress(output, logs, stream);
        Answer done = new Follower(root.gateway(), progress::status, progress::chunk).follow(id, follow.timeout);
        JsonNode deployment = done.json();
        if (output.json() && logs != Progress.Logs.JSON_LINES) {
            output.document(done.body());
        } else if (!output.json()) {
            output.note("shiplog: " + Views.outcome(deployment));
        }
        return ExitCode.forFinalStatus(Views.text(deployment, "status"));
    }

    /** The deployment live in an environment: the newest release the gateway's release history shows live. */
    static String live(GatewayClient gateway, String project, String environment) {
        JsonNode page = gateway.get(PathSegments.path("api", "projects", PathSegments.project(project),
                "environments", PathSegments.environment(environment), "releases")).json();
        for (JsonNode release : page.path("releases")) {
            if (release.path("live").asBoolean(false)) {
                return PathSegments.deploymentId(Views.text(release, "deploymentId"));
            }
        }
        throw new CliException(ExitCode.REFUSED, "nothing is live in " + project + "/" + environment);
    }
}
