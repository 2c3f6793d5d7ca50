package dev.shiplog.deployment.web;

import static dev.shiplog.deployment.web.Api.seg;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * An environment: what is live, its pin, the release history (roll back to one, promote one, unpin), the
 * deployments waiting for an approval (approve, reject), its settings and variables (a secret's value is never
 * shown: the API does not give it), the state as of an instant ({@code asOf}), and two environments side by side.
 */
@Path("/ui/projects/{projectId}")
@Blocking
@PermitAll
public class EnvironmentPage {

    private final Api api;
    private final Pages pages;
    private final Template environment;
    private final Template compare;

    public EnvironmentPage(Api api, Pages pages, @Location("environment.html") Template environment,
            @Location("compare.html") Template compare) {
        this.api = api;
        this.pages = pages;
        this.environment = environment;
        this.compare = compare;
    }

    @GET
    @Path("/environments/{environment}")
    @SuppressWarnings("unchecked")
    public Response page(@Context HttpServerRequest request, @PathParam("projectId") String projectId,
            @PathParam("environment") String name, @QueryParam("asOf") String asOf) {
        String base = "/api/projects/" + seg(projectId);
        String at = asOf == null || asOf.isBlank() ? "" : "?asOf=" + seg(asOf.strip());
        return pages.render(request, (session, viewer) -> {
            Map<String, Object> env = api.object(session, base + "/environments/" + seg(name) + at);
            List<Map<String, Object>> all = api.list(session, base + "/environments");
            Map<String, Object> releases = api.object(session, base + "/environments/" + seg(name) + "/releases");
            List<Map<String, Object>> recent = (List<Map<String, Object>>) api.object(session,
                    base + "/deployments?environment=" + seg(name) + "&size=50").get("items");
            List<Map<String, Object>> waiting = recent.stream().filter(d -> d.get("approval") instanceof Map<?, ?> a
                    && "waiting".equals(a.get("status"))).toList();
            return environment.data("viewer", viewer).data("projectId", projectId).data("env", env)
                    .data("asOf", at.isEmpty() ? null : asOf.strip()).data("others", all.stream()
                            .map(e -> String.valueOf(e.get("name"))).filter(n -> !n.equals(name)).toList())
                    .data("releases", releases.get("releases")).data("waiting", waiting).data("recent", recent);
        });
    }

    @GET
    @Path("/compare")
    public Response compare(@Context HttpServerRequest request, @PathParam("projectId") String projectId,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return pages.render(request, (session, viewer) -> compare.data("viewer", viewer).data("projectId", projectId)
                .data("c", api.object(session, "/api/projects/" + seg(projectId) + "/environments/compare?from="
                        + seg(from) + "&to=" + seg(to))));
    }
}
