package dev.shiplog.pipeline.runtime;

import dev.shiplog.schema.rules.FieldRules;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local runtime's data plane: serves each environment's live release at {@code /sites/<project>/<env>/...} and
 * each deployment's own release at {@code /deployments/<id>/...}. The release directory is resolved once per
 * request, so a request sees one release even while the environment switches. Every answer names the release that
 * served it ({@code X-Shiplog-Release}) and is cacheable only if that release's settings say {@code caching=enabled}.
 */
@ApplicationScoped
public class SitesRoute {

    /** What a release whose snapshot says {@code caching=enabled} lets clients and proxies do. */
    static final String CACHED = "public, max-age=300";

    private final LocalRuntime runtime;

    public SitesRoute(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    void install(@Observes Router router) {
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
        boolean caching = "enabled".equalsIgnoreCase(runtime.settings(release).get("caching"));
        ctx.response().putHeader("Cache-Control", caching ? CACHED : "no-cache").putHeader("X-Shiplog-Release", release)
                .sendFile(file.toString());
    }

}
