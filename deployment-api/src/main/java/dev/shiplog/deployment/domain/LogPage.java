package dev.shiplog.deployment.domain;

import java.util.List;

/** A page of a deployment's log; {@code next} is the {@code after} to ask for the following page. */
public record LogPage(String deploymentId, List<Chunk> chunks, long next) {

    /** Text printed by one stage on one stream (stdout, stderr, or system for the platform's own lines). */
    public record Chunk(long sequence, String stage, String stream, String text) {
    }
}
