package dev.shiplog.cli.api;

import dev.shiplog.cli.outcome.CliException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a user types that becomes part of a URL path is checked against the API's own rules first (those of
 * schemas' {@code FieldRules}: a value breaking them would be refused anyway), so no typed value can change which
 * path is called ({@code ../}, {@code ?}, {@code #}, control characters); and each segment is percent-encoded on top.
 */
public final class PathSegments {

    /** Deployment ids (FieldRules.IDENTIFIER). */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Project ids and environment names (FieldRules.NAME). */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private PathSegments() {
    }

    /** A deployment id, checked; exit 2 if it is not one. */
    public static String deploymentId(String value) {
        return checked(value, IDENTIFIER, "deployment id", "letters, digits, dot, dash, underscore; at most 64");
    }

    /** A project id, checked; exit 2 if it is not one. */
    public static String project(String value) {
        return checked(value, NAME, "project id", "lower case letters, digits, dashes; at most 63");
    }

    /** An environment name, checked; exit 2 if it is not one. */
    public static String environment(String value) {
        return checked(value, NAME, "environment name", "lower case letters, digits, dashes; at most 63");
    }

    /** Percent-encodes one path segment (or query value): spaces as %20, never +. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The path {@code /a/b/c} of checked segments, each encoded. */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(encode(segment));
        }
        return path.toString();
    }

    private static String checked(String value, Pattern rule, String what, String words) {
        if (value == null || !rule.matcher(value).matches()) {
            throw CliException.usage("not a " + what + ": " + printable(value) + " (must match " + rule.pattern()
                    + ": " + words + ")");
        }
        return value;
    }

    /** The value as it can be shown in a message: control characters escaped, at most 80 characters. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder shown = new StringBuilder("'");
        value.codePoints().limit(80).forEach(c -> shown.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return shown.append(value.length() > 80 ? "...'" : "'").toString();
    }
}
