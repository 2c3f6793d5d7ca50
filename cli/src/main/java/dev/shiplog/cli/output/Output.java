package dev.shiplog.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;

/**
 * Where a command's results go: stdout for the result (short aligned text, or with --json one JSON document),
 * stderr for progress and errors, so that {@code shiplog ... --json | jq} always gets exactly one document.
 */
public final class Output {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    public Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** A JSON document as the API sent it. */
    public void document(String raw) {
        out.println(raw.strip());
        out.flush();
    }

    /** A JSON document the CLI made (one for a compound command). */
    public void document(JsonNode node) {
        try {
            document(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Human text on stdout, made printable. */
    public void text(String text) {
        out.print(Text.safe(text.endsWith("\n") ? text : text + "\n"));
        out.flush();
    }

    public void table(List<String> headings, List<List<String>> rows) {
        text(rows.isEmpty() ? "(none)" : Table.format(headings, rows));
    }

    public void fields(List<List<String>> pairs) {
        text(Table.fields(pairs));
    }

    /** Progress or an error message on stderr, made printable. */
    public void note(String text) {
        err.println(Text.safe(text));
        err.flush();
    }

    /** Log text as it came, made printable, to stdout or stderr; no newline added. */
    public void log(String text, boolean toErr) {
        PrintWriter target = toErr ? err : out;
        target.print(Text.safe(text));
        target.flush();
    }
}
