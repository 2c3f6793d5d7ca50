package dev.shiplog.deployment.gateway;

import dev.shiplog.deployment.config.DeploymentApiConfig;
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
 * keep-alive, WebSocket upgrades. A Shiplog API token is never passed on to a release.
 */
@ApplicationScoped
public class SitesProxy {

    /** A domain name: letters somewhere, dots between labels; an address or a bare host name is not one. */
    static final Pattern DOMAIN = Pattern.compile("(?=.*[a-z])[a-z0-9-]+(\\.[a-z0-9-]+)+");

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
                forward(ctx, "/domains/" + domain + ctx.normalizedPath() + (query == null ? "" : "?" + query));
            }
        });
        router.routeWithRegex("/(sites|deployments)/.*").order(-10).handler(ctx -> {
            String query = ctx.request().query();
            forward(ctx, ctx.normalizedPath() + (query == null ? "" : "?" + query));
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

    private void forward(RoutingContext ctx, String uri) {
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
                });
        proxy.handle(ctx.request());
    }
}
