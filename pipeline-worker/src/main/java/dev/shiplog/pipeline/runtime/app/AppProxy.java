package dev.shiplog.pipeline.runtime.app;

import dev.shiplog.pipeline.config.PipelineConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Passes a request on to a server application (Vert.x's reverse proxy: any method, bodies streamed both ways,
 * HTTP/1.1 keep-alive to the instances, WebSocket upgrades): to the ready instance of the release with the fewest
 * requests in flight, at the path below the release's URL, with {@code X-Forwarded-Host}, {@code -Proto},
 * {@code -Prefix} and {@code -For}; a request that goes {@code shiplog.runtime.request-timeout} without a byte
 * moving ends with 504. Every answer names the release that served it ({@code X-Shiplog-Release}) and how many of
 * its instances serve ({@code X-Shiplog-Instances: 2/3}: the live health says degraded while some are missing).
 */
@ApplicationScoped
public class AppProxy {

    private final Applications applications;
    private final HttpClient client;
    private final long timeoutMillis;

    public AppProxy(Applications applications, Vertx vertx, PipelineConfig config) {
        this.applications = applications;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64)
                .setConnectTimeout(2000));
        this.timeoutMillis = config.runtime().requestTimeout().toMillis();
    }

    /**
     * Sends the request to the release of {@code deploymentId} at {@code path} ({@code /...}, with its query);
     * {@code prefix} is where the release's URL starts for the client. False, and nothing answered, if no instance
     * of it is ready here.
     */
    public boolean forward(RoutingContext ctx, String deploymentId, String prefix, String path) {
        AppRelease release = applications.release(deploymentId).orElse(null);
        Instance instance = release == null ? null : release.pick();
        if (instance == null) {
            return false;
        }
        ctx.addEndHandler(done -> instance.outstanding.decrementAndGet());
        ctx.response().putHeader("X-Shiplog-Release", deploymentId)
                .putHeader("X-Shiplog-Instances", release.ready() + "/" + release.running());
        SocketAddress origin = SocketAddress.inetSocketAddress(instance.slot.port, instance.slot.host);
        String host = ctx.request().authority() == null ? "" : ctx.request().authority().toString();
        String proto = ctx.request().getHeader("X-Forwarded-Proto") != null
                ? ctx.request().getHeader("X-Forwarded-Proto") : ctx.request().scheme();
        String forwardedHost = ctx.request().getHeader("X-Forwarded-Host") != null
                ? ctx.request().getHeader("X-Forwarded-Host") : host;
        String remote = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        String forwardedFor = ctx.request().getHeader("X-Forwarded-For") == null ? remote
                : ctx.request().getHeader("X-Forwarded-For") + ", " + remote;
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                .origin(context -> client.request(new RequestOptions().setServer(origin)
                        .setIdleTimeout(timeoutMillis)))
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        context.request().setURI(path.isEmpty() ? "/" : path);
                        context.request().headers().set("X-Forwarded-Host", forwardedHost)
                                .set("X-Forwarded-Proto", proto).set("X-Forwarded-Prefix", prefix)
                                .set("X-Forwarded-For", forwardedFor);
                        return context.sendRequest(); // no answer: 502; nothing moving for the timeout: 504
                    }
                });
        proxy.handle(ctx.request());
        return true;
    }
}
