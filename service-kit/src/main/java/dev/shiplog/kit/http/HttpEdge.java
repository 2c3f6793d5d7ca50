package dev.shiplog.kit.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The edge of every service's HTTP API, before any resource: requests that are too large or malformed get an
 * {@code application/problem+json} answer naming what is wrong, like every other error (the HTTP layer's own
 * answers to these have empty bodies).
 * <ul>
 * <li>a request line longer than {@link #MAX_URI} characters: 414, field {@code uri};</li>
 * <li>headers larger than {@link #MAX_HEADERS} bytes in all: 431, field {@code headers};</li>
 * <li>a body larger than {@code shiplog-edge.max-body} (1 MiB: the JSON APIs) or, on the paths listed in
 * {@code shiplog-edge.uploads}, than {@code shiplog-edge.max-upload}: 413, field {@code body}. A JSON body must
 * declare its length (411 otherwise), so it is refused before it is read; an upload may be chunked, and its reader
 * counts ({@code quarkus.http.limits.max-body-size} is set above both, as the last guard);</li>
 * <li>a malformed URL (bad percent-encoding) or any other error the router answers by itself: problem+json with
 * that status;</li>
 * <li>a path with a control character or a {@code .}/{@code ..} segment ({@link RequestPaths}): 400, field
 * {@code path}.</li>
 * </ul>
 * Health, metrics and the OpenAPI document ({@code /q/...}) answer callers on this machine only (403 otherwise);
 * everything under {@code /api} and {@code /admin} requires a credential (service-kit {@code access}).
 * The HTTP server's own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size},
 * {@code max-header-list-size} for HTTP/2) are set to 1 MiB, far above these, so these apply first; a request line
 * or headers past 1 MiB still get the server's bare answer (and the connection closed).
 */
@ApplicationScoped
public class HttpEdge {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(HttpEdge.class);

    public static final int MAX_URI = 8192;
    public static final int MAX_HEADERS = 16384;
    /** Before every route: a route with a path pattern decodes the path to match it, and fails on a malformed one. */
    public static final int ORDER = -100;

    private final long maxBody;
    private final long maxUpload;
    private final List<String> uploads;

    public HttpEdge(@ConfigProperty(name = "shiplog-edge.max-body", defaultValue = "1M") MemorySize maxBody,
            @ConfigProperty(name = "shiplog-edge.max-upload", defaultValue = "100M") MemorySize maxUpload,
            @ConfigProperty(name = "shiplog-edge.uploads") Optional<List<String>> uploads) {
        this.maxBody = maxBody.asLongValue();
        this.maxUpload = maxUpload.asLongValue();
        this.uploads = uploads.orElse(List.of());
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check).failureHandler(HttpEdge::failed);
    }

    /** A request the router could not route (a URL it cannot decode, ...) or a route that failed: still a problem. */
    static void failed(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int code = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (code >= 500 && !wellFormed(ctx.request().uri())) {
            code = 400; // a route before this one decoded the path (observability's templating) and failed on it
        }
        if (code >= 500) {
            LOG.error("request failed: " + ctx.request().method() + " " + RequestPaths.forLog(ctx.request().path()),
                    ctx.failure());
            problem(ctx, code, "Unexpected failure; see the service log.", null, null);
        } else if (code == 400) {
            problem(ctx, 400, "The request is malformed", "uri", "must be a well-formed URL (valid percent-encoding)");
        } else {
            problem(ctx, code, "The request could not be handled", null, null);
        }
    }

    void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > MAX_URI) {
            problem(ctx, 414, "The request line is too long", "uri", "must be at most " + MAX_URI + " characters");
            return;
        }
        if (!wellFormed(request.uri())) {
            problem(ctx, 400, "The request is malformed", "uri", "must be a well-formed URL (valid percent-encoding)");
            return;
        }
        String pathRefusal = RequestPaths.refusal(request.path());
        if (pathRefusal != null) {
            problem(ctx, 400, "The request path is malformed", "path", pathRefusal);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > MAX_HEADERS) {
            problem(ctx, 431, "The request headers are too large", "headers",
                    "must be at most " + MAX_HEADERS + " bytes in all");
            return;
        }
        if (request.path() != null && request.path().startsWith("/q/") && !loopback(request)) {
            problem(ctx, 403, "Health, metrics and the OpenAPI document are served to this machine only", null,
                    null);
            return;
        }
        boolean upload = uploads.contains(request.path());
        long limit = upload ? maxUpload : maxBody;
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && !upload && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            problem(ctx, 411, "The request body must declare its length", "Content-Length", "is required");
            return;
        }
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                problem(ctx, 400, "The request is malformed", "Content-Length", "must be a whole number of bytes");
                return;
            }
            if (declared > limit) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                problem(ctx, 413, "The request body is too large", "body", "must be at most " + limit + " bytes");
                return;
            }
        }
        ctx.next();
    }

    static boolean loopback(HttpServerRequest request) {
        try {
            return request.remoteAddress() != null && request.remoteAddress().host() != null
                    && java.net.InetAddress.getByName(request.remoteAddress().host()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * A URI that parses and whose every {@code %} starts a two-digit hex escape. (Quarkus' own check, which answers
     * an empty 400 before any route, is turned off by {@link ShiplogMain} so that this one answers with a problem.)
     */
    static boolean wellFormed(String uri) {
        try {
            new java.net.URI(uri);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
            if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                    || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Ends the exchange with an RFC 9457 problem. */
    public static void problem(RoutingContext ctx, int status, String detail, String field, String rule) {
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title(status))
                .put("status", status).put("detail", detail);
        if (field != null) {
            problem.put("errors", new JsonArray().add(new JsonObject().put("field", field).put("rule", rule)));
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(problem.encode());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 403 -> "Forbidden";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
