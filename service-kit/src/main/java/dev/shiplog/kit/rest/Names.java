package dev.shiplog.kit.rest;

import java.util.regex.Pattern;

/** The rule every project id and environment name follows, in every service (they are parts of URLs and keys). */
public final class Names {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final String RULE = "must match " + ID.pattern() + " (lower case letters, digits, dashes)";

    public static boolean valid(String name) {
        return name != null && ID.matcher(name).matches();
    }

    private Names() {
    }
}
