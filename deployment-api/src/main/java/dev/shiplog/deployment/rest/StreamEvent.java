package dev.shiplog.deployment.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shiplog.deployment.domain.Deployment;
import dev.shiplog.deployment.domain.LogPage;

/** One event of a deployment's live stream: its new status, or a new log chunk. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamEvent(String type, Deployment deployment, LogPage.Chunk log) {

    static final String END = "end";

    static StreamEvent status(Deployment deployment) {
        return new StreamEvent("status", deployment, null);
    }

    static StreamEvent log(LogPage.Chunk chunk) {
        return new StreamEvent("log", null, chunk);
    }

    static StreamEvent end() {
        return new StreamEvent(END, null, null);
    }
}
