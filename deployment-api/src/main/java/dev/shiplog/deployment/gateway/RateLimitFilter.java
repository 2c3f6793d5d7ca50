package dev.shiplog.deployment.gateway;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.domain.access.RateLimits;
import dev.shiplog.kit.access.ApiTokens;
import dev.shiplog.kit.http.HttpEdge;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's door for volume: every {@code /api} call draws from its caller's buckets ({@link RateLimits}),
 * keyed by the credential it carries (hashed; it is checked later, by whoever answers) or, without one, by the
 * caller's address. Past the limit: 429, {@code Retry-After}, and a problem naming the limit. The instance's
 * bootstrap admin token is not limited: the operator can always act, a flood or not.
 */
@ApplicationScoped
public class RateLimitFilter {

    /** After the HTTP edge's checks, before the gateway passes a call on or a resource answers it. */
    static final int ORDER = HttpEdge.ORDER + 10;
    static final int MAX_CALLERS = 100_000;

    private final RateLimits limits;
    private final Optional<String> adminTokenSha256;

    public RateLimitFilter(DeploymentApiConfig config,
            @ConfigProperty(name = "shiplog-auth.admin-token-sha256") Optional<String> adminTokenSha256) {
        DeploymentApiConfig.Limits l = config.limits();
        this.limits = new RateLimits(new RateLimits.Limit(l.requestsBurst(), l.requestsPerSecond()),
                new RateLimits.Limit(l.writesBurst(), l.writesPerSecond()), MAX_CALLERS, TimeMeter.SYSTEM_NANOTIME);
        this.adminTokenSha256 = adminTokenSha256.filter(s -> !s.isBlank());
    }

    void install(@Observes Router router) {
        router.routeWithRegex("/api/.*").order(ORDER).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && isBootstrapAdmin(authorization)) {
            ctx.next();
            return;
        }
        String key = authorization != null ? "credential:" + ApiTokens.sha256(authorization)
                : "address:" + (ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host());
        HttpMethod method = ctx.request().method();
        boolean write = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.DELETE
                || method == HttpMethod.PATCH;
        RateLimits.Verdict verdict = limits.admit(key, write);
        if (verdict.allowed()) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
        HttpEdge.problem(ctx, 429, "Too many requests with this credential: " + verdict.rule() + "; retry after "
                + verdict.retryAfterSeconds() + " s (shiplog.limits)", "credential", "rate limit: " + verdict.rule());
    }

    private boolean isBootstrapAdmin(String authorization) {
        if (adminTokenSha256.isEmpty() || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return ApiTokens.sameHash(ApiTokens.sha256(authorization.substring(7).trim()), adminTokenSha256.get());
    }
}
