package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplog.cli.output.Output;
import dev.shiplog.cli.output.Views;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a followed deployment shows while it runs: each new status and stage on stderr ({@code shiplog: ...}), and its
 * log as it comes, like {@code tail -f}: stderr chunks to stderr, the rest to stdout, or all of it to stderr when
 * stdout is kept for a JSON document, or each chunk as a JSON line.
 */
final class Progress {

    /** Where log chunks go. */
    enum Logs { STDOUT, STDERR, JSON_LINES, NONE }

    private final Output output;
    private final Logs logs;
    private final String stream;
    private final Map<String, String> stages = new HashMap<>();
    private String status;

    /** {@code stream}: only chunks of that stream (stdout, stderr, system, runtime), or null for all. */
    Progress(Output output, Logs logs, String stream) {
        this.output = output;
        this.logs = logs;
        this.stream = stream;
    }

    void status(JsonNode deployment) {
        String now = Views.text(deployment, "status");
        if (!now.equals(status)) {
            status = now;
            String pending = Views.text(deployment, "pendingReason");
            output.note("shiplog: " + Views.text(deployment, "id") + " " + now + (pending.isEmpty() ? ""
                    : " (" + pending + ")"));
        }
        for (JsonNode stage : deployment.path("stages")) {
            String name = Views.text(stage, "stage");
            String state = Views.text(stage, "status");
            if (!state.equals(stages.put(name, state))) {
                String message = Views.firstLine(Views.text(stage, "message"));
                output.note("shiplog: stage " + name + " " + state + (message.isEmpty() ? "" : ": " + message));
            }
        }
    }

    void chunk(JsonNode chunk) {
        String chunkStream = Views.text(chunk, "stream").toLowerCase(Locale.ROOT);
        if (stream != null && !stream.equals(chunkStream)) {
            return;
        }
        switch (logs) {
            case STDOUT -> output.log(Views.text(chunk, "text"), chunkStream.equals("stderr"));
            case STDERR -> output.log(Views.text(chunk, "text"), true);
            case JSON_LINES -> output.document(chunk);
            case NONE -> { }
        }
    }
}
