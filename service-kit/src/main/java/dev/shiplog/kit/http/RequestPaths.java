package dev.shiplog.kit.http;

import java.nio.charset.StandardCharsets;

/**
 * What a request path may hold, decided on the raw path before any route sees it: no control character (raw or
 * percent-encoded: a NUL in a file name, a forged log line) and no {@code .} or {@code ..} segment (a router
 * normalises {@code /variables/..} into its parent, so a PUT meant for a variable would reach the environment).
 * And how a path is written to a log: escaped, never raw.
 */
public final class RequestPaths {

    public static final String CONTROL = "must not contain control characters";
    public static final String DOT_SEGMENT = "must not contain . or .. segments";
    static final int MAX_LOGGED = 300;

    /** Why {@code rawPath} (as received, percent-encoded) is refused, or null. */
    public static String refusal(String rawPath) {
        if (rawPath == null) {
            return null;
        }
        String decoded = decode(rawPath);
        if (decoded.chars().anyMatch(RequestPaths::control)) {
            return CONTROL;
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return DOT_SEGMENT;
            }
        }
        return null;
    }

    /** {@code path} as a log may show it: control characters and non-ASCII escaped, at most a few hundred chars. */
    public static String forLog(String path) {
        if (path == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        path.codePoints().limit(MAX_LOGGED).forEach(c -> {
            if (control(c) || c > 0x7e || c == '\\') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return path.codePointCount(0, path.length()) > MAX_LOGGED ? out + "..." : out.toString();
    }

    private static boolean control(int c) {
        return c < 0x20 || c == 0x7f;
    }

    /** Percent-decoding of each {@code %XX} (bytes as Latin-1: only control characters and dots matter here). */
    private static String decode(String raw) {
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                out[n++] = (byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = c > 0xff ? (byte) '?' : (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    private RequestPaths() {
    }
}
