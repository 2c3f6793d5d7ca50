package dev.shiplog.schema.rules;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The limits and rules of every field a user or another service can put on the log, in one place: the APIs refuse
 * what breaks them (with the field and the rule), and every consumer checks what it reads from the log against the
 * same rules ({@link EventRules}), so nothing that breaks them becomes a path, a command-line argument or a row.
 *
 * <p>Each rule is a function of the value: {@code null} when the value follows it, else the rule in words. Nulls
 * are the caller's business (required or optional). Listed for users in docs/events.md ("Limits").
 */
public final class FieldRules {

    /** Project ids and environment names: parts of URLs, keys and paths. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** Deployment, event and command ids: parts of URLs, keys and paths. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Artifact and source archive ids: the sha256 of their bytes, in hex. */
    public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    public static final Pattern GIT_COMMIT = Pattern.compile("[0-9a-fA-F]{4,64}");
    public static final Pattern GIT_BRANCH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/+-]{0,199}");
    public static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    public static final Pattern NODE_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    /** Who acts: a user name as a credential names it (a login, an e-mail address, an id), or token:<tokenId>. */
    public static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+:-]{0,199}");
    /** The roles in a project, weakest first. */
    public static final java.util.List<String> ROLES = java.util.List.of("viewer", "deployer", "maintainer", "admin");
    /** What an event's actor acted as: a project role, or an administrator of the whole instance. */
    public static final String INSTANCE_ADMIN = "instance-admin";
    static final Pattern PATH_CHARACTERS = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*");

    public static final int VERSION = 200;
    public static final int ACTOR = 200;
    public static final int CORRELATION_ID = 200;
    public static final int URL = 2000;
    public static final int COMMAND = 10_000;
    public static final int PATH = 500;
    public static final int VARIABLES = 100;
    public static final int VARIABLE_VALUE = 4096;
    public static final int REASON = 1000;
    public static final int IDEMPOTENCY_KEY = 200;
    public static final int MAX_TIMEOUT_SECONDS = 24 * 3600;
    public static final int TOKEN_NAME = 100;
    /** An environment's settings: how many, the form of a key, the length of a value (one line). */
    public static final int SETTINGS = 100;
    public static final Pattern SETTING_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    public static final int SETTING_VALUE = 1000;
    /** The longest bake period (watching a new live release), in seconds. */
    public static final int MAX_BAKE_SECONDS = 24 * 3600;
    /** Retention: releases kept per environment, and the longest age that keeps an artifact. */
    public static final int MAX_KEEP_LAST = 1000;
    public static final int MAX_KEEP_DAYS = 3650;
    /** A secret key's id, and the longest sealed secret (base64 of a nonce, a 4096-character value and a tag). */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    public static final int CIPHERTEXT = 22_000;

    /** Releases kept per environment when a project set no retention policy. */
    public static final int DEFAULT_KEEP_LAST = 10;
    /** An API token or a JWT, as a command carries it. */
    public static final int CREDENTIAL = 8192;
    public static final int ACTION = 100;

    public static final String NAME_RULE = "must match " + NAME.pattern() + " (lower case letters, digits, dashes)";

    public static String name(String value) {
        return NAME.matcher(value).matches() ? null : NAME_RULE;
    }

    public static String identifier(String value) {
        return IDENTIFIER.matcher(value).matches() ? null
                : "must match " + IDENTIFIER.pattern() + " (letters, digits, dot, dash, underscore; at most 64)";
    }

    public static String sha256(String value) {
        return SHA256.matcher(value).matches() ? null : "must be a sha256 in lower-case hex (64 characters)";
    }

    /** One line of text: at most {@code max} characters, no control characters. */
    public static String line(String value, int max) {
        if (value.isEmpty()) {
            return "must not be empty";
        }
        if (value.length() > max) {
            return "must be at most " + max + " characters";
        }
        if (hasControl(value, false)) {
            return "must not contain control characters (NUL, newline, ...)";
        }
        return hasBidiControl(value) ? BIDI_RULE : null;
    }

    /** Text that may span lines (commands, variable values): no NUL or other control characters but tab and newline. */
    public static String text(String value, int max) {
        if (value.length() > max) {
            return "must be at most " + max + " characters";
        }
        return hasControl(value, true) ? "must not contain NUL or control characters other than tab and newline"
                : null;
    }

    /** A git repository: a URL or a local path, never an option and never a remote-helper transport. */
    public static String gitUrl(String value) {
        String line = line(value, URL);
        if (line != null) {
            return line;
        }
        if (value.startsWith("-")) {
            return "must not start with '-'";
        }
        if (value.matches("^[A-Za-z][A-Za-z0-9+.-]*::.*")) {
            return "must be a URL or a path, not a git remote-helper address (<transport>::...)";
        }
        return null;
    }

    public static String gitCommit(String value) {
        return GIT_COMMIT.matcher(value).matches() ? null : "must be a commit sha: 4 to 64 hex digits";
    }

    public static String gitBranch(String value) {
        if (!GIT_BRANCH.matcher(value).matches() || value.contains("..") || value.contains("//")
                || value.endsWith("/") || value.endsWith(".") || value.endsWith(".lock")) {
            return "must be a branch name: letters, digits and ._/+- (at most 200), not starting with '-' or '.',"
                    + " without '..'";
        }
        return null;
    }

    /** A directory inside the workspace: relative, without {@code ..}. */
    public static String relativePath(String value) {
        String line = line(value, PATH);
        if (line != null) {
            return line;
        }
        if (value.startsWith("/") || value.contains("\\")) {
            return "must be a relative path inside the workspace (no leading /, no \\)";
        }
        for (String segment : value.split("/")) {
            if (segment.equals("..")) {
                return "must be a relative path inside the workspace (no ..)";
            }
        }
        return null;
    }

    /**
     * A path on the deployment's own URL: starts with {@code /}, URL characters only, no {@code .} or {@code ..}
     * segment (also percent-encoded) and no {@code //}, so it can never leave the release it checks.
     */
    public static String healthCheckPath(String value) {
        String rule = "must be a path on the release: starting with /, URL characters only, without . or .."
                + " segments or //";
        if (value.length() > PATH) {
            return "must be at most " + PATH + " characters";
        }
        if (!value.startsWith("/") || !PATH_CHARACTERS.matcher(value).matches() || value.contains("//")) {
            return rule;
        }
        String path = value.contains("?") ? value.substring(0, value.indexOf('?')) : value;
        String decoded;
        try {
            decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rule;
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || segment.contains("\\") || hasControl(segment, false)) {
                return rule;
            }
        }
        return decoded.contains("//") ? rule : null;
    }

    public static String subject(String value) {
        return SUBJECT.matcher(value).matches() ? null
                : "must match " + SUBJECT.pattern() + " (letters, digits and ._@+:-, at most 200)";
    }

    public static String role(String value) {
        return ROLES.contains(value) ? null : "must be one of " + String.join(", ", ROLES);
    }

    /** The role an event's actor acted with: a project role or {@value #INSTANCE_ADMIN}. */
    public static String actorRole(String value) {
        return ROLES.contains(value) || INSTANCE_ADMIN.equals(value) ? null
                : "must be " + INSTANCE_ADMIN + " or one of " + String.join(", ", ROLES);
    }

    public static String settingKey(String key) {
        return SETTING_KEY.matcher(key).matches() ? null : "key must match " + SETTING_KEY.pattern();
    }

    public static String settingValue(String value) {
        String rule = line(value, SETTING_VALUE);
        return rule == null || value.isEmpty() ? null : "value " + rule;
    }

    public static String keyId(String value) {
        return KEY_ID.matcher(value).matches() ? null : "must match " + KEY_ID.pattern();
    }

    public static String bakeSeconds(int seconds) {
        return seconds >= 0 && seconds <= MAX_BAKE_SECONDS ? null : "must be between 0 and " + MAX_BAKE_SECONDS;
    }

    public static String keepLast(int releases) {
        return releases >= 1 && releases <= MAX_KEEP_LAST ? null : "must be between 1 and " + MAX_KEEP_LAST;
    }

    public static String keepDays(int days) {
        return days >= 0 && days <= MAX_KEEP_DAYS ? null : "must be between 0 and " + MAX_KEEP_DAYS;
    }

    public static String variableName(String value) {
        return VARIABLE_NAME.matcher(value).matches() ? null : "name must match " + VARIABLE_NAME.pattern();
    }

    public static String nodeVersion(String value) {
        return NODE_VERSION.matcher(value).matches() ? null : "must match " + NODE_VERSION.pattern();
    }

    public static String timeoutSeconds(int value) {
        return value >= 1 && value <= MAX_TIMEOUT_SECONDS ? null
                : "must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds";
    }

    /** True if {@code value} holds a control character (C0, DEL, C1); tab, newline and return allowed if asked. */
    public static final String BIDI_RULE = "must not contain bidirectional control characters (U+202A-U+202E,"
            + " U+2066-U+2069, U+200E, U+200F, U+061C): they make a name read other than it is";

    /** Whether {@code value} holds a character that reorders how text is shown (a name that reads as another). */
    public static boolean hasBidiControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e'
                    || c == '\u200f' || c == '\u061c') {
                return true;
            }
        }
        return false;
    }

    public static boolean hasControl(String value, boolean allowLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (allowLineBreaks && (c == '\t' || c == '\n' || c == '\r')) {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Free text as a database column can hold it: NUL (which PostgreSQL text refuses) becomes U+FFFD. For texts
     * that carry what a build printed (failure reasons, stage messages), which are shown, never interpreted.
     */
    public static String storable(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    private FieldRules() {
    }
}
