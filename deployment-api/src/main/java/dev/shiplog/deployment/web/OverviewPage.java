package dev.shiplog.deployment.web;

import static dev.shiplog.deployment.web.Api.seg;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The overview: every project and environment the viewer may see, with the live version, health, pin and the last
 * deployment with who made it; {@code q} keeps the rows that mention it. The page refreshes its table by itself.
 */
@Path("/")
@Blocking
@PermitAll
public class OverviewPage {

    private final Api api;
    private final Pages pages;
    private final Template overview;

    public OverviewPage(Api api, Pages pages, @Location("overview.html") Template overview) {
        this.api = api;
        this.pages = pages;
        this.overview = overview;
    }

    @GET
    public Response page(@Context HttpServerRequest request, @QueryParam("q") String q) {
        String query = q == null ? "" : q.strip();
        return pages.render(request, (session, viewer) -> overview.data("viewer", viewer).data("q", query)
                .data("rows", rows(session, query.toLowerCase(Locale.ROOT))));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rows(Session session, String query) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> project : api.list(session, "/api/projects")) {
            String id = String.valueOf(project.get("id"));
            Map<String, Map<String, Object>> last = new LinkedHashMap<>();
            List<Map<String, Object>> recent = (List<Map<String, Object>>) api.object(session, "/api/projects/"
                    + seg(id) + "/deployments?size=50").get("items");
            for (Map<String, Object> d : recent) {
                last.putIfAbsent(String.valueOf(d.get("environment")), d);
            }
            for (Map<String, Object> env : (List<Map<String, Object>>) project.get("environments")) {
                Map<String, Object> row = new LinkedHashMap<>(env);
                row.put("projectId", id);
                row.put("projectName", project.get("name"));
                row.put("last", last.get(String.valueOf(env.get("name"))));
                if (query.isEmpty() || mentions(row, query)) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static boolean mentions(Map<String, Object> row, String query) {
        Map<String, Object> last = (Map<String, Object>) row.get("last");
        String text = row.get("projectId") + " " + row.get("projectName") + " " + row.get("name") + " "
                + row.get("currentVersion") + " " + row.get("status")
                + (last == null ? "" : " " + last.get("initiatedBy") + " " + last.get("status"));
        return text.toLowerCase(Locale.ROOT).contains(query);
    }
}
