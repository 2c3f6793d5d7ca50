package dev.shiplog.cli.command;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The browser to open a URL with, if this machine has one: {@code $BROWSER}, else {@code open} on macOS, else
 * {@code xdg-open} where there is a display. None on a server or in CI: {@code shiplog open} then only prints.
 */
final class Browser {

    private Browser() {
    }

    /** The command that opens {@code url}, or empty. */
    static Optional<List<String>> command(String url, Map<String, String> env, String osName,
            Predicate<String> onPath) {
        String browser = env.get("BROWSER");
        if (browser != null && !browser.isBlank()) {
            String first = browser.split(File.pathSeparator)[0].strip();
            return first.isEmpty() ? Optional.empty() : Optional.of(List.of(first, url));
        }
        if (osName.toLowerCase(Locale.ROOT).contains("mac") && onPath.test("open")) {
            return Optional.of(List.of("open", url));
        }
        boolean display = isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"));
        if (display && onPath.test("xdg-open")) {
            return Optional.of(List.of("xdg-open", url));
        }
        return Optional.empty();
    }

    /** Whether {@code program} is an executable file in a directory of {@code path} ($PATH). */
    static boolean onPath(String program, String path) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
