package dev.shiplog.deployment.gateway;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One public operation the gateway passes on: its method, its path pattern ({@code {name}} is one path segment), the
 * service that answers it, and what the gateway does besides passing it on ({@link Kind}).
 */
public record Route(String method, String path, UpstreamService service, Kind kind) {

    /** What the gateway does with a route's request and answer. */
    public enum Kind {
        /** Passed on and back as it is. */
        READ,
        /** Passed on and back as it is; the service answers once its own view shows it. */
        WRITE,
        /**
         * A write to projects or environments: once the service accepted it, answered when the gateway's own catalog
         * of environments has applied it too (read your writes: a deployment right after it finds the environment).
         */
        CATALOG_WRITE,
        /** A stream (Server-Sent Events), passed back event by event as it comes. */
        STREAM
    }

    private static final Pattern SEGMENT = Pattern.compile("\\{[A-Za-z]+}");
    private static final Map<String, Pattern> REGEXES = new ConcurrentHashMap<>();

    public Route {
        if (!path.startsWith("/") || !method.equals(method.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("a route is an upper-case method and an absolute path: " + method
                    + " " + path);
        }
    }

    /** Whether a request {@code method} {@code rawPath} (not decoded; a trailing slash allowed) is this route's. */
    public boolean matches(String method, String rawPath) {
        return (this.method.equals(method) || (method.equals("HEAD") && this.method.equals("GET")))
                && REGEXES.computeIfAbsent(path, Route::regex).matcher(rawPath).matches();
    }

    private static Pattern regex(String path) {
        StringBuilder regex = new StringBuilder();
        int at = 0;
        var segments = SEGMENT.matcher(path);
        while (segments.find()) {
            regex.append(Pattern.quote(path.substring(at, segments.start()))).append("[^/]+");
            at = segments.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(path.substring(at))).append("/?").toString());
    }
}
