package dev.shiplog.pipeline.runtime.local;

import dev.shiplog.pipeline.runtime.app.AppProxy;
import dev.shiplog.schema.rules.FieldRules;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The local runtime's data plane: serves each environment's live release at {@code /sites/<project>/<env>/...},
 * each deployment's own release at {@code /deployments/<id>/...} and an environment's live release at {@code /} of
 * its {@code domain} ({@code /domains/<host>/...}, as the gateway passes such a request on). A server application is
 * proxied to ({@link AppProxy}); a site's files are served from here. The release directory is resolved once per
 * request, so a request sees one release even while the environment switches. Every answer names the release that
 * served it ({@code X-Shiplog-Release}) and is cacheable only if that release's settings say {@code caching=enabled}.
 */
@ApplicationScoped
public class SitesRoute {

    /** What a release whose snapshot says {@code caching=enabled} lets clients and proxies do. */
    static final String CACHED = "public, max-age=300";

    private final LocalRuntime runtime;
    private final AppProxy applications;

    public SitesRoute(LocalRuntime runtime, AppProxy applications) {
        this.runtime = runtime;
        this.applications = applications;
    }

    void install(@Observes Router router) {
        // a server application gets every method, WebSocket upgrades included; a site only GET and HEAD (below)
        router.routeWithRegex("/sites/([^/]+)/([^/]+)(/.*)?").order(-11).handler(ctx -> {
            String project = ctx.pathParam("param0");
            String environment = ctx.pathParam("param1");
            boolean named = FieldRules.name(project) == null && FieldRules.name(environment) == null;
            toApplication(ctx, () -> named ? runtime.servedRelease(project, environment) : Optional.empty(),
                    "/sites/" + project + "/" + environment, ctx.pathParam("param2"));
        });
        router.routeWithRegex("/deployments/([^/]+)(/.*)?").order(-11).handler(ctx -> {
            String id = ctx.pathParam("param0");
            Optional<String> release = FieldRules.identifier(id) == null ? Optional.of(id) : Optional.empty();
            toApplication(ctx, () -> release, "/deployments/" + id, ctx.pathParam("param1"));
        });
        // a request for an environment's domain, as the gateway passes it on (the Host it came with)
        router.routeWithRegex("/domains/([^/]+)(/.*)?").order(-11).handler(ctx -> {
            Optional<String[]> environment = byDomain(ctx.pathParam("param0"));
            if (environment.isEmpty()) {
                ctx.response().setStatusCode(404).end("no environment has this domain\n");
                return;
            }
            String rest = ctx.pathParam("param1") == null ? "/" : ctx.pathParam("param1");
            Optional<String> live = runtime.servedRelease(environment.get()[0], environment.get()[1]);
            if (live.isPresent() && runtime.application(live.get())) {
                toApplication(ctx, () -> runtime.servedRelease(environment.get()[0], environment.get()[1]), "",
                        rest);
            } else {
                ctx.reroute("/sites/" + environment.get()[0] + "/" + environment.get()[1] + rest);
            }
        });
        router.getWithRegex("/sites/([^/]+)/([^/]+)(/.*)?").order(-10).blockingHandler(ctx -> {
            String project = ctx.pathParam("param0");
            String environment = ctx.pathParam("param1");
            serve(ctx, FieldRules.name(project) == null && FieldRules.name(environment) == null
                    ? runtime.environmentRoot(project, environment) : Optional.empty(), ctx.pathParam("param2"));
        });
        router.getWithRegex("/deployments/([^/]+)(/.*)?").order(-10).blockingHandler(ctx -> {
            String id = ctx.pathParam("param0");
            serve(ctx, FieldRules.identifier(id) == null ? runtime.deploymentRoot(id) : Optional.empty(),
                    ctx.pathParam("param1"));
        });
    }

    /**
     * Passes the request to the application if the release is one; otherwise on to the sites. The release is read
     * once more if the one read first left the traffic meanwhile (a switch between the read and the pick), so a
     * request during a switch goes to the old release or the new one, never to neither.
     */
    private void toApplication(RoutingContext ctx, Supplier<Optional<String>> resolve, String prefix, String rest) {
        for (int read = 0; read < 2; read++) {
            Optional<String> release = resolve.get();
            if (release.isEmpty() || !runtime.application(release.get())) {
                ctx.next(); // a site, or nothing
                return;
            }
            if (rest == null) { // the release's URL ends with /, as a site's does
                ctx.redirect(prefix + "/");
                return;
            }
            if (applications.forward(ctx, release.get(), prefix, withQuery(ctx, rest))) {
                return;
            }
        }
        ctx.response().setStatusCode(503).putHeader("Retry-After", "1")
                .end("no instance of this release is serving right now\n");
    }

    /**
     * The environment ({project, environment}) whose live release has {@code host} as its {@code domain} setting.
     * Looked up among the environments' links and their releases' snapshots (read once each).
     */
    private Optional<String[]> byDomain(String host) {
        String wanted = host.toLowerCase(java.util.Locale.ROOT).replaceFirst(":\\d+$", "");
        try {
            for (Path link : runtime.links()) {
                String project = link.getParent().getFileName().toString();
                String env = link.getFileName().toString();
                Optional<String> release = FieldRules.name(env) == null && FieldRules.name(project) == null
                        ? runtime.servedRelease(project, env) : Optional.empty();
                if (release.isPresent() && wanted.equals(runtime.settings(release.get()).get("domain"))) {
                    return Optional.of(new String[] { project, env });
                }
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String withQuery(RoutingContext ctx, String path) {
        String query = ctx.request().query();
        return query == null ? path : path + "?" + query;
    }

    /** A release never serves a file through a link out of it. */
    private static boolean insideRelease(Path file, Path root) {
        try {
            return file.toRealPath().startsWith(root);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void serve(RoutingContext ctx, Optional<Path> root, String rest) {
        if (root.isEmpty()) {
            ctx.response().setStatusCode(404).end("no release here\n");
            return;
        }
        String relative = rest == null ? "" : rest.replaceFirst("^/+", "");
        Path file = root.get().resolve(relative).normalize();
        if (!file.startsWith(root.get())) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file) || !insideRelease(file, root.get())) {
            ctx.response().setStatusCode(404).end("not found\n");
            return;
        }
        String release = root.get().getFileName().toString();
        if (runtime.application(release)) { // its files are its code, never served as they are
            ctx.response().setStatusCode(503).putHeader("Retry-After", "1").end("this application is not running\n");
            return;
        }
        boolean caching = "enabled".equalsIgnoreCase(runtime.settings(release).get("caching"));
        ctx.response().putHeader("Cache-Control", caching ? CACHED : "no-cache").putHeader("X-Shiplog-Release", release)
                .sendFile(file.toString());
    }

}
