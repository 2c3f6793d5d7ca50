package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplog.cli.api.PathSegments;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What {@code shiplog deploy} asks for, mirroring the API's DeploymentRequest: where (project, environment), what
 * (version; a git URL and ref, an uploaded archive, or none: the project's repository) and how to build it (the
 * {@code config}; none: the project's build defaults).
 */
public class DeploymentOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = { "-p", "--project" }, required = true, paramLabel = "PROJECT", description = "The project id.")
    String project;

    @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV",
            description = "The environment, e.g. staging.")
    String environment;

    @Option(names = "--version", paramLabel = "VERSION", description = "The version to call this release.")
    String version;

    @Option(names = "--git-url", paramLabel = "URL", description = "The repository to build (default: the"
            + " project's repositoryUrl).")
    String gitUrl;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "The branch to build.")
    String gitBranch;

    @Option(names = "--commit", paramLabel = "SHA", description = "The commit to build.")
    String gitCommit;

    @Option(names = "--archive-id", paramLabel = "ID", description = "A source archive uploaded before (its"
            + " archiveId).")
    String archiveId;

    @Option(names = "--archive-file", paramLabel = "FILE", description = "A .tar.gz of the sources to upload and"
            + " build (at most 100 MiB).")
    Path archiveFile;

    @Option(names = "--dir", paramLabel = "DIR", description = "A directory of sources to pack (without its .git),"
            + " upload and build.")
    Path sourceDir;

    @Option(names = "--build-command", paramLabel = "CMD", description = "The build's shell command.")
    String buildCommand;

    @Option(names = "--install-command", paramLabel = "CMD", description = "The install step's shell command.")
    String installCommand;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "What the build leaves to deploy, e.g. dist.")
    String outputDirectory;

    @Option(names = "--start-command", paramLabel = "CMD", description = "Starts a server application on $PORT"
            + " (none: a static site).")
    String startCommand;

    @Option(names = "--health-check-path", paramLabel = "PATH", description = "Checked after deploying, e.g."
            + " /health.")
    String healthCheckPath;

    @Option(names = "--node-version", paramLabel = "VERSION", description = "The Node.js version of the build.")
    String nodeVersion;

    @Option(names = "--build-timeout", paramLabel = "SECONDS", description = "The build's own time limit.")
    Integer buildTimeout;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A build and runtime variable (repeatable).")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--at", paramLabel = "INSTANT", description = "Schedule it, e.g. 2030-01-31T22:00:00Z.")
    String scheduledAt;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Makes a retried command the same"
            + " deployment.")
    String idempotencyKey;

    /** The request body (POST /api/deployments); {@code uploadedArchiveId}: what --archive-file became, or null. */
    ObjectNode body(String uploadedArchiveId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("projectId", PathSegments.project(project));
        body.put("environment", PathSegments.environment(environment));
        putIfSet(body, "version", version);
        putIfSet(body, "gitUrl", gitUrl);
        putIfSet(body, "gitBranch", gitBranch);
        putIfSet(body, "gitCommit", gitCommit);
        putIfSet(body, "archiveId", uploadedArchiveId != null ? uploadedArchiveId : archiveId);
        putIfSet(body, "scheduledAt", scheduledAt);
        ObjectNode config = JSON.createObjectNode();
        putIfSet(config, "buildCommand", buildCommand);
        putIfSet(config, "installCommand", installCommand);
        putIfSet(config, "outputDirectory", outputDirectory);
        putIfSet(config, "startCommand", startCommand);
        putIfSet(config, "healthCheckPath", healthCheckPath);
        putIfSet(config, "nodeVersion", nodeVersion);
        if (buildTimeout != null) {
            config.put("timeout", buildTimeout);
        }
        if (!variables.isEmpty()) {
            ObjectNode vars = config.putObject("environmentVariables");
            variables.forEach(vars::put);
        }
        if (!config.isEmpty()) {
            body.set("config", config);
        }
        return body;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
