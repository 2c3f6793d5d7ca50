package dev.shiplog.deployment.gateway;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.service.EnvironmentCatalog;
import dev.shiplog.kit.access.SessionCookie;
import dev.shiplog.kit.http.HttpEdge;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.kit.rest.ServiceUnavailableException;
import dev.shiplog.schema.Topics;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The gateway's share of the other services' APIs: a request that is one of {@link GatewayRoutes}' is passed on to
 * its service as it came, with the caller's credential (the service checks it), and the answer passed back as it
 * came, errors included; anything else goes on to this service's own resources. A write to projects or environments
 * is answered once the gateway's own catalog of environments has applied it too (bounded:
 * {@code shiplog.gateway.visible-within}); a stream is passed back event by event. A service that is away is a 503
 * problem naming it.
 */
@ApplicationScoped
public class GatewayProxy {

    private static final Logger LOG = Logger.getLogger(GatewayProxy.class);
    private static final String ROUTE = GatewayProxy.class.getName() + ".route";
    /** Above the edge's limit for JSON bodies (service-kit HttpEdge refuses larger ones first): the last guard. */
    static final String SIGN_IN = "/ui/sign-in";
    static final long MAX_BODY = 2L * 1024 * 1024;
    static final List<String> STREAM_PASSED_ON = List.of("Authorization", "Accept", "Last-Event-ID");
    static final List<String> STREAM_PASSED_BACK = List.of("Content-Type", "Content-Length", "Cache-Control",
            "WWW-Authenticate");

    private final Upstream upstream;
    private final ProjectionPositions positions;
    private final DeploymentApiConfig config;
    private final HttpClient streams = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public GatewayProxy(Upstream upstream, ProjectionPositions positions, DeploymentApiConfig config) {
        this.upstream = upstream;
        this.positions = positions;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(HttpEdge.ORDER + 1).handler(GatewayProxy::sessionAsBearer);
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY);
        router.routeWithRegex("/api/.*").order(-10).handler(ctx -> match(ctx, bodies));
        router.routeWithRegex("/api/.*").order(-9).handler(this::passOn);
    }

    /**
     * The dashboard's session cookie stands for an {@code Authorization} header (checked against cross-site requests:
     * {@link SessionCookie}), so everything after it (rate limits, this service's resources, the services a request
     * is passed on to) sees one kind of credential: for the API and the dashboard only, never for a release (the sites
     * proxy drops the cookie). Signing in takes no credential (an old cookie is ignored).
     */
    private static void sessionAsBearer(RoutingContext ctx) {
        String path = ctx.request().path();
        if (ctx.request().getHeader("Authorization") == null && ctx.request().getCookie(SessionCookie.NAME) != null
                && (path.equals("/") || path.startsWith("/api/") || path.startsWith("/ui/")) && !SIGN_IN.equals(path)) {
            try {
                SessionCookie.authorization(ctx.request())
                        .ifPresent(value -> ctx.request().headers().set("Authorization", value));
            } catch (AuthenticationFailedException e) {
                HttpEdge.problem(ctx, 403, e.getMessage(), SessionCookie.CSRF_HEADER, null);
                return;
            }
        }
        ctx.next();
    }

    /** On the event loop: a request of the table's is marked with its route, and its body read as it comes. */
    private static void match(RoutingContext ctx, BodyHandler bodies) {
        Optional<Route> route = GatewayRoutes.match(ctx.request().method().name(), ctx.request().path());
        if (route.isEmpty()) {
            ctx.next();
            return;
        }
        ctx.put(ROUTE, route.get());
        if (route.get().kind() == Route.Kind.STREAM) {
            ctx.next();
        } else {
            bodies.handle(ctx);
        }
    }

    /** Passes a marked request on from a worker thread (it waits for the service's answer); others go on. */
    private void passOn(RoutingContext ctx) {
        Route route = ctx.get(ROUTE);
        if (route == null) {
            ctx.next();
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            if (route.kind() == Route.Kind.STREAM) {
                Pipe.pipe(ctx, streams, upstream.base(route.service()), STREAM_PASSED_ON, STREAM_PASSED_BACK,
                        config.gateway().timeout());
            } else {
                forward(ctx, route, ctx.body().buffer());
            }
            return null;
        }, false).onFailure(ctx::fail);
    }

    private void forward(RoutingContext ctx, Route route, Buffer body) {
        HttpServerRequest request = ctx.request();
        Upstream.Answer answer;
        try {
            answer = upstream.forward(route.service(), route.method(),
                    request.path() + (request.query() == null ? "" : "?" + request.query()), request::getHeader,
                    body == null ? new byte[0] : body.getBytes());
        } catch (ServiceUnavailableException e) {
            LOG.warn(e.getMessage());
            HttpEdge.problem(ctx, 503, e.getMessage() + "; retry later.", null, null);
            return;
        }
        if (route.kind() == Route.Kind.CATALOG_WRITE && answer.status() < 300) {
            awaitCatalog(answer);
        }
        HttpServerResponse out = ctx.response().setStatusCode(answer.status());
        answer.headers().forEach(out::putHeader);
        out.end(Buffer.buffer(answer.body()));
    }

    /**
     * Waits, bounded, until the gateway's catalog of environments has applied the write the answer names; past the
     * bound (or if this service's database cannot tell) the answer goes anyway: the write is on the log.
     */
    private void awaitCatalog(Upstream.Answer answer) {
        for (LogPosition at : answer.positions()) {
            if (at.topic().equals(Topics.ENVIRONMENT_EVENTS.name())) {
                try {
                    positions.await(EnvironmentCatalog.CONSUMER, at, config.gateway().visibleWithin());
                } catch (RuntimeException e) {
                    LOG.warnf("the catalog's progress could not be read (%s); answering without waiting",
                            e.getMessage());
                }
            }
        }
    }
}
