package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.cli.api.Answer;
import dev.shiplog.cli.api.EventStream;
import dev.shiplog.cli.api.GatewayClient;
import dev.shiplog.cli.api.PathSegments;
import dev.shiplog.cli.outcome.CliException;
import dev.shiplog.cli.outcome.ExitCode;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows a deployment to its end through the gateway's live stream ({@code GET /api/deployments/{id}/stream}: its
 * status whenever it changes, each new log chunk, until it is over and its log drained). A stream that breaks (the
 * gateway restarted) is opened again until the deadline; each chunk is handed on once (by its sequence).
 */
final class Follower {

    static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayClient gateway;
    private final Consumer<JsonNode> onStatus;
    private final Consumer<JsonNode> onChunk;
    private long lastSequence = -1;
    private JsonNode last;

    Follower(GatewayClient gateway, Consumer<JsonNode> onStatus, Consumer<JsonNode> onChunk) {
        this.gateway = gateway;
        this.onStatus = onStatus;
        this.onChunk = onChunk;
    }

    /**
     * Waits until deployment {@code id} is over and returns it as the API shows it then (GET, as received); past
     * {@code timeout} exit 4, or exit 5 if the gateway could not be reached at the end.
     */
    Answer follow(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String path = PathSegments.path("api", "deployments", PathSegments.deploymentId(id));
        CliException unreachable = null;
        while (remaining(deadline).compareTo(Duration.ZERO) > 0) {
            try (EventStream stream = gateway.stream(path + "/stream")) {
                unreachable = null;
                if (read(stream, deadline)) {
                    Answer now = gateway.get(path);
                    return ExitCode.isFinal(now.json().path("status").asText(null)) ? now
                            : new Answer(200, last.toString()); // the stream saw the end first
                }
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.UNREACHABLE) {
                    throw e;
                }
                unreachable = e;
            }
            pause(deadline);
        }
        if (unreachable != null) {
            throw unreachable;
        }
        String status = last == null ? "" : " (still " + last.path("status").asText() + ")";
        throw new CliException(ExitCode.TIMED_OUT, "timed out after " + timeout.toSeconds() + " s waiting for"
                + " deployment " + id + status + "; it goes on: shiplog status " + id,
                last == null ? null : last.toString());
    }

    /** Reads the stream until it ends: true if the deployment is over, false to open it again. */
    private boolean read(EventStream stream, long deadline) {
        try {
            while (true) {
                EventStream.Item item = stream.next(remaining(deadline));
                if (item == null) {
                    return false; // the deadline
                }
                if (item instanceof EventStream.Data data) {
                    handle(JSON.readTree(data.data()));
                } else {
                    return item instanceof EventStream.End && last != null
                            && ExitCode.isFinal(last.path("status").asText(null));
                }
            }
        } catch (IOException e) {
            return false; // an event that is not JSON: read the stream again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.TIMED_OUT, "interrupted");
        }
    }

    private void handle(JsonNode event) {
        String type = event.path("type").asText();
        if (type.equals("status") && event.path("deployment").isObject()) {
            last = event.path("deployment");
            onStatus.accept(last);
        } else if (type.equals("log") && event.path("log").isObject()) {
            long sequence = event.path("log").path("sequence").asLong(-1);
            if (sequence > lastSequence) {
                lastSequence = sequence;
                onChunk.accept(event.path("log"));
            }
        }
    }

    private static void pause(long deadline) {
        Duration pause = remaining(deadline).compareTo(RECONNECT_PAUSE) < 0 ? remaining(deadline) : RECONNECT_PAUSE;
        if (pause.isNegative() || pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(deadline - System.nanoTime());
    }
}
