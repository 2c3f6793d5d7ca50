package dev.shiplog.deployment.gateway;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.kit.access.SessionCookie;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The sites and applications on the gateway: {@code /sites/<project>/<environment>/...} (an environment's live
 * release), {@code /deployments/<id>/...} (a deployment's own release), and any request whose {@code Host} is an
 * environment's {@code domain} (its live release at {@code /}, the way an edge would route it) are passed on to the
 * runtime that serves them (the pipeline-worker) by Vert.x's reverse proxy: every method, bodies streamed both ways,
 * keep-alive, WebSocket upgrades. A Shiplog API token, or the dashboard's session cookie, is never passed on to a
 * release. What a release serves on the gateway's own origin ({@code /sites/...}, {@code /deployments/...}) is
 * sandboxed ({@link #SANDBOX}): its scripts run in an origin of their own, so a deployed page can neither read the
 * dashboard's pages nor act with a signed-in person's session. On its own domain a release is its own origin already.
 */
@ApplicationScoped
public class SitesProxy {

    /** A domain name: letters somewhere, dots between labels; an address or a bare host name is not one. */
    static final Pattern DOMAIN = Pattern.compile("(?=.*[a-z])[a-z0-9-]+(\\.[a-z0-9-]+)+");
    /** Scripts, forms, pop-ups and downloads work; the page's origin is opaque (no {@code allow-same-origin}). */
    static final String SANDBOX = "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads";

    private final DeploymentApiConfig config;
    private final HttpClient client;
    private final SocketAddress worker;

    public SitesProxy(DeploymentApiConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64)
                .setConnectTimeout(2000));
        URI base = URI.create(config.gateway().pipelineWorker());
        this.worker = SocketAddress.inetSocketAddress(base.getPort() < 0 ? 80 : base.getPort(), base.getHost());
    }

    void install(@Observes Router router) {
        router.route().order(-20).handler(ctx -> {
            String domain = domain(ctx);
            if (domain == null) {
                ctx.next();
            } else {
                // the normalized path (no "..": it stays below the domain's release), never the raw one
                String query = ctx.request().query();
                forward(ctx, "/domains/" + domain + ctx.normalizedPath() + (query == null ? "" : "?" + query), false);
            }
        });
        router.routeWithRegex("/(sites|deployments)/.*").order(-10).handler(ctx -> {
            String query = ctx.request().query();
            forward(ctx, ctx.normalizedPath() + (query == null ? "" : "?" + query), true);
        });
    }

    /** The domain a request is for, or null when it is for the gateway itself. */
    String domain(RoutingContext ctx) {
        String host = ctx.request().authority() == null ? null : ctx.request().authority().host();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        return DOMAIN.matcher(host).matches() && host.length() <= 253 && !config.gateway().hosts().contains(host)
                ? host : null;
    }

    private void forward(RoutingContext ctx, String uri, boolean gatewayOrigin) {
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                .origin(context -> client.request(new RequestOptions().setServer(worker)
                        .setIdleTimeout(config.gateway().sitesTimeout().toMillis())))
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        context.request().setURI(uri);
                        String authorization = context.request().headers().get(HttpHeaders.AUTHORIZATION);
                        if (authorization != null && authorization.contains("shp_")) {
                            context.request().headers().remove(HttpHeaders.AUTHORIZATION);
                        }
                        String cookies = withoutSession(context.request().headers().get(HttpHeaders.COOKIE));
                        if (cookies == null) {
                            context.request().headers().remove(HttpHeaders.COOKIE);
                        } else {
                            context.request().headers().set(HttpHeaders.COOKIE, cookies);
                        }
                        // the gateway is the edge: what a client says of itself is not passed on as fact
                        context.request().headers().remove("X-Forwarded-Host").remove("X-Forwarded-Proto")
                                .remove("X-Forwarded-Prefix").remove("X-Forwarded-For");
                        if (ctx.request().authority() != null) {
                            context.request().headers().set("X-Forwarded-Host", ctx.request().authority().toString());
                        }
                        context.request().headers().set("X-Forwarded-Proto", ctx.request().scheme());
                        if (ctx.request().remoteAddress() != null) {
                            context.request().headers().set("X-Forwarded-For",
                                    ctx.request().remoteAddress().hostAddress());
                        }
                        return context.sendRequest();
                    }

                    @Override
                    public Future<Void> handleProxyResponse(ProxyContext context) {
                        if (gatewayOrigin) {
                            context.response().headers().add("Content-Security-Policy", SANDBOX);
                        }
                        return context.sendResponse();
                    }
                });
        proxy.handle(ctx.request());
    }

    /** A {@code Cookie} header without the dashboard's session; null when nothing is left. */
    static String withoutSession(String header) {
        if (header == null) {
            return null;
        }
        String kept = java.util.Arrays.stream(header.split(";")).map(String::strip)
                .filter(c -> !c.isEmpty() && !c.startsWith(SessionCookie.NAME + "="))
                .collect(java.util.stream.Collectors.joining("; "));
        return kept.isEmpty() ? null : kept;
    }
}
