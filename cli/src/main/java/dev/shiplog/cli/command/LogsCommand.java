package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplog.cli.api.GatewayClient;
import dev.shiplog.cli.api.PathSegments;
import dev.shiplog.cli.output.Output;
import dev.shiplog.cli.outcome.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shiplog logs <id>}: the log so far (GET .../logs, page by page), or followed live (.../stream). */
@Command(name = "logs", description = { "Print a deployment's log; with --follow, print it as it comes, like tail -f,"
        + " until the deployment is over (then exit as deploy --follow does).",
    "With --json: one document {deploymentId, chunks}; with --follow --json, one JSON line per chunk." })
public class LogsCommand implements Callable<Integer> {

    static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Mixin
    FollowOptions follow;

    @Parameters(paramLabel = "DEPLOYMENT", description = "The deployment's id.")
    String id;

    @Option(names = "--stream", paramLabel = "STREAM", description = "Only this stream: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Streams.class, converter = Streams.class)
    String stream;

    @Override
    public Integer call() {
        PathSegments.deploymentId(id);
        if (follow.follow) {
            Progress.Logs logs = root.json() ? Progress.Logs.JSON_LINES : Progress.Logs.STDOUT;
            return Deployments.follow(root, id, follow, logs, stream);
        }
        GatewayClient gateway = root.gateway();
        Output output = root.output();
        ArrayNode all = JSON.createArrayNode();
        long after = -1;
        while (true) {
            String query = "?limit=" + PAGE + (after >= 0 ? "&after=" + after : "")
                    + (stream == null ? "" : "&stream=" + PathSegments.encode(stream));
            JsonNode page = gateway.get(PathSegments.path("api", "deployments", id, "logs") + query).json();
            for (JsonNode chunk : page.path("chunks")) {
                if (output.json()) {
                    all.add(chunk);
                } else {
                    output.log(chunk.path("text").asText(""), "stderr".equalsIgnoreCase(chunk.path("stream").asText()));
                }
            }
            long next = page.path("next").asLong(after);
            if (page.path("chunks").isEmpty() || next <= after) {
                break;
            }
            after = next;
        }
        if (output.json()) {
            ObjectNode document = JSON.createObjectNode().put("deploymentId", id);
            document.set("chunks", all);
            output.document(document);
        }
        return ExitCode.OK;
    }

    /** The log streams the API knows. */
    public static final class Streams implements Iterable<String>, picocli.CommandLine.ITypeConverter<String> {
        static final java.util.List<String> ALL = java.util.List.of("stdout", "stderr", "system", "runtime");

        @Override
        public java.util.Iterator<String> iterator() {
            return ALL.iterator();
        }

        @Override
        public String convert(String value) {
            if (!ALL.contains(value)) {
                throw new picocli.CommandLine.TypeConversionException("must be one of " + ALL + ": '" + value + "'");
            }
            return value;
        }
    }
}
