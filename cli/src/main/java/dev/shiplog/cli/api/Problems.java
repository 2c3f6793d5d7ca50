package dev.shiplog.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.cli.output.Text;

/**
 * The words of an error answer for people: the problem document's status and title, its detail, and each
 * {@code errors[]} entry as {@code field: rule} (an RFC 9457 problem, as every service answers); the raw text of
 * anything else, cut short.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** A message for an answer of {@code status} with {@code body}, several lines for a problem with errors. */
    public static String describe(int status, String body) {
        JsonNode problem = parse(body);
        if (problem == null || !problem.isObject()) {
            String text = body == null ? "" : Text.safe(body.strip());
            return status + (text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
        }
        StringBuilder message = new StringBuilder().append(status);
        String title = problem.path("title").asText("");
        if (!title.isEmpty()) {
            message.append(' ').append(Text.safe(title));
        }
        String detail = problem.path("detail").asText("");
        StringBuilder errors = new StringBuilder();
        boolean detailSaysAll = true;
        for (JsonNode error : problem.path("errors")) {
            String rule = error.hasNonNull("rule") ? error.path("rule").asText() : error.path("message").asText("");
            String line = error.path("field").asText("?") + ": " + rule;
            detailSaysAll &= detail.contains(line);
            errors.append("\n  ").append(Text.oneLine(line));
        }
        if (!detail.isEmpty() && (errors.length() == 0 || !detailSaysAll)) {
            message.append(": ").append(Text.safe(detail));
        }
        return message.append(errors).toString();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
