package dev.shiplog.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.cli.outcome.CliException;
import dev.shiplog.cli.outcome.ExitCode;

/** A successful answer of the gateway: its status and its body as received (printed as is under --json). */
public record Answer(int status, String body) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON; an answer that is not JSON is the gateway's fault (exit 5). */
    public JsonNode json() {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "null" : body);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.UNREACHABLE, "the gateway answered " + status + " with something that"
                    + " is not JSON");
        }
    }
}
