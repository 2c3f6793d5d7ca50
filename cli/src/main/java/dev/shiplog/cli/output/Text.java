package dev.shiplog.cli.output;

/**
 * What the API answers is printed to a terminal, and build logs or a failure reason can hold anything: escape
 * sequences could rewrite the screen or hide text. Control characters other than newline and tab become {@code ?}.
 */
public final class Text {

    private Text() {
    }

    /** {@code text} with every control character except newline and tab replaced by {@code ?}. */
    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == '\n' || c == '\t' || !(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069));
            safe.appendCodePoint(allowed ? c : '?');
        });
        return safe.toString();
    }

    /** As {@link #safe(String)}, on one line: newlines and tabs become spaces. */
    public static String oneLine(String text) {
        return safe(text).replace('\n', ' ').replace('\t', ' ');
    }
}
