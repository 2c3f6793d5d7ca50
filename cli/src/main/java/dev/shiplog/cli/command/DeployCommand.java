package dev.shiplog.cli.command;

import dev.shiplog.cli.api.Answer;
import dev.shiplog.cli.api.GatewayClient;
import dev.shiplog.cli.api.PathSegments;
import dev.shiplog.cli.output.Views;
import dev.shiplog.cli.outcome.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code shiplog deploy}: POST /api/deployments (after uploading --archive-file or --dir), then maybe follow it. */
@Command(name = "deploy",
        description = "Deploy a version to an environment: from git (the project's repository, or --git-url with"
            + " --branch / --commit), from a source archive (--archive-file, --archive-id), or from a directory"
            + " (--dir).",
        footer = { "%nExamples:",
            "  shiplog deploy -p shop -e staging --version 1.2.0 --follow",
            "  shiplog deploy -p shop -e staging --archive-file src.tar.gz \\",
            "      --build-command 'npm run build' --output-dir dist -f",
            "  shiplog deploy -p shop -e staging --dir . --version 1.2.1 -f" })
public class DeployCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Mixin
    DeploymentOptions request;

    @Mixin
    FollowOptions follow;

    @Override
    public Integer call() {
        if (request.archiveFile != null && (request.archiveId != null || request.gitUrl != null)) {
            throw CliException.usage("--archive-file is a source of its own: not with --archive-id or --git-url");
        }
        if (request.sourceDir != null && (request.archiveFile != null || request.archiveId != null
                || request.gitUrl != null)) {
            throw CliException.usage("--dir is a source of its own: not with --archive-file, --archive-id or"
                    + " --git-url");
        }
        request.body(null); // checks the project and the environment before anything is sent
        GatewayClient gateway = root.gateway();
        String uploaded = null;
        Path archive = request.sourceDir != null ? SourceDirectory.pack(request.sourceDir) : request.archiveFile;
        try {
            if (archive != null) {
                Answer upload = gateway.upload("/api/sources?projectId=" + PathSegments.encode(request.project),
                        archive, "application/gzip");
                uploaded = Views.text(upload.json(), "archiveId");
                if (!root.json()) {
                    root.output().note("shiplog: uploaded " + (request.sourceDir != null ? request.sourceDir
                            : archive) + " as archive " + uploaded);
                }
            }
        } finally {
            if (request.sourceDir != null) {
                deleteQuietly(archive);
            }
        }
        Map<String, String> headers = request.idempotencyKey == null ? Map.of()
                : Map.of("Idempotency-Key", request.idempotencyKey);
        Answer answer = gateway.post("/api/deployments", request.body(uploaded).toString(), headers);
        return Deployments.accepted(root, answer, follow, "deployment");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the system's cleaning takes it
        }
    }
}
