package dev.shiplog.deployment.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The deploy form: project, environment, source (the project's git repository at a branch or commit, another git
 * URL, or a {@code .tar.gz} upload), build settings and a schedule. The page's script sends it to the API
 * ({@code POST /api/sources}, then {@code POST /api/deployments}) and opens the new deployment's page; the API's
 * refusals are shown beside the fields they name.
 */
@Path("/ui/deploy")
@Blocking
@PermitAll
public class DeployPage {

    private final Api api;
    private final Pages pages;
    private final Template deploy;

    public DeployPage(Api api, Pages pages, @Location("deploy.html") Template deploy) {
        this.api = api;
        this.pages = pages;
        this.deploy = deploy;
    }

    @GET
    public Response page(@Context HttpServerRequest request, @QueryParam("project") String project,
            @QueryParam("environment") String environment) {
        return pages.render(request, (session, viewer) -> {
            List<Map<String, Object>> projects = api.list(session, "/api/projects").stream()
                    .filter(p -> viewer.may(p.get("id"), "deployer")).toList();
            return deploy.data("viewer", viewer).data("projects", projects).data("project", project)
                    .data("environment", environment);
        });
    }
}
