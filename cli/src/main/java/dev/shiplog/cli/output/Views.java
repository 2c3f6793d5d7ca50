package dev.shiplog.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** The API's documents as people read them: a deployment field by field, environments and releases as tables. */
public final class Views {

    public static final List<String> ENVIRONMENT_HEADINGS = List.of("ENVIRONMENT", "VERSION", "DEPLOYMENT", "HEALTH",
            "PROTECTED", "PINNED");
    public static final List<String> RELEASE_HEADINGS = List.of("DEPLOYMENT", "KIND", "VERSION", "ACTIVATED", "LIVE",
            "ENDED", "RESTORABLE");

    private Views() {
    }

    /** A deployment (GET /api/deployments/{id}) as {@code key value} pairs; absent fields are left out. */
    public static List<List<String>> deployment(JsonNode d) {
        List<List<String>> pairs = new ArrayList<>();
        pairs.add(List.of("deployment", text(d, "id")));
        pairs.add(List.of("project", text(d, "projectId") + " / " + text(d, "environment")));
        String pending = text(d, "pendingReason");
        pairs.add(List.of("status", text(d, "status") + (pending.isEmpty() ? "" : " (" + pending + ")")));
        pairs.add(List.of("kind", text(d, "kind")));
        pairs.add(List.of("version", text(d, "version")));
        pairs.add(List.of("restores", text(d, "restores")));
        pairs.add(List.of("source", source(d)));
        pairs.add(List.of("stages", stages(d)));
        pairs.add(List.of("requested", text(d, "requestedAt") + by(text(d, "initiatedBy"))));
        pairs.add(List.of("completed", text(d, "completedAt")));
        pairs.add(List.of("url", text(d, "deploymentUrl")));
        pairs.add(List.of("environment url", text(d, "environmentUrl")));
        pairs.add(List.of("reason", firstLine(text(d, "failureReason"))));
        return pairs;
    }

    /** One line of a deployment's end: {@code success: v2 live at URL}, {@code failed: reason}. */
    public static String outcome(JsonNode d) {
        String status = text(d, "status");
        if ("success".equals(status)) {
            String url = text(d, "environmentUrl");
            return "success: " + text(d, "id") + (text(d, "version").isEmpty() ? "" : " (" + text(d, "version")
                    + ")") + " is live" + (url.isEmpty() ? "" : " at " + url);
        }
        String reason = firstLine(text(d, "failureReason"));
        return status + ": " + text(d, "id") + (reason.isEmpty() ? "" : ": " + reason);
    }

    /** The environments of a project (GET /api/projects/{id}/environments) as table rows. */
    public static List<List<String>> environments(JsonNode list) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode e : list) {
            rows.add(List.of(text(e, "name"), text(e, "currentVersion"), text(e, "currentDeployment"),
                    text(e, "status"), yes(e.path("protected").asBoolean(false)),
                    e.path("pin").isObject() ? "yes" : "no"));
        }
        return rows;
    }

    /** An environment's releases (GET .../releases), newest first, as table rows. */
    public static List<List<String>> releases(JsonNode page) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : page.path("releases")) {
            rows.add(List.of(text(r, "deploymentId"), text(r, "kind"), text(r, "version"), text(r, "activatedAt"),
                    yes(r.path("live").asBoolean(false)), text(r, "ended"), yes(r.path("restorable").asBoolean(false))));
        }
        return rows;
    }

    /** A field's text, or empty when it is absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    /** The first line of a text (a failure reason or a stage's message may carry the end of the log). */
    public static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String source(JsonNode d) {
        String git = text(d, "gitUrl");
        if (git.isEmpty()) {
            return text(d, "artifactId").isEmpty() ? "" : "artifact " + text(d, "artifactId");
        }
        String ref = text(d, "gitCommit").isEmpty() ? text(d, "gitBranch") : text(d, "gitCommit");
        return git + (ref.isEmpty() ? "" : " @ " + ref);
    }

    private static String stages(JsonNode d) {
        return StreamSupport.stream(d.path("stages").spliterator(), false)
                .map(s -> text(s, "stage") + " " + text(s, "status")).collect(Collectors.joining(", "));
    }

    private static String by(String who) {
        return who.isEmpty() ? "" : " by " + who;
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }
}
