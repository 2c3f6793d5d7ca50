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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's activity: the notification feed (it follows the project's stream), the subscriptions with their last
 * deliveries, the audit trail (maintainers) and the success metrics as charts, each with its definition and window.
 */
@Path("/ui/projects/{projectId}")
@Blocking
@PermitAll
public class ProjectPages {

    static final int WEEKS = 8;

    private final Api api;
    private final Pages pages;
    private final Template activity;
    private final Template audit;
    private final Template metrics;

    public ProjectPages(Api api, Pages pages, @Location("activity.html") Template activity,
            @Location("audit.html") Template audit, @Location("metrics.html") Template metrics) {
        this.api = api;
        this.pages = pages;
        this.activity = activity;
        this.audit = audit;
        this.metrics = metrics;
    }

    @GET
    @Path("/activity")
    @SuppressWarnings("unchecked")
    public Response activity(@Context HttpServerRequest request, @PathParam("projectId") String projectId) {
        String base = "/api/projects/" + seg(projectId);
        return pages.render(request, (session, viewer) -> {
            Map<String, Object> feed = api.object(session, base + "/notifications?size=50");
            List<Map<String, Object>> subscriptions = new ArrayList<>();
            for (Map<String, Object> s : api.list(session, base + "/subscriptions")) {
                Map<String, Object> row = new LinkedHashMap<>(s);
                Object deliveries = api.list(session, base + "/subscriptions/" + seg(String.valueOf(s.get("id")))
                        + "/deliveries?size=10");
                row.put("deliveries", deliveries);
                subscriptions.add(row);
            }
            return activity.data("viewer", viewer).data("projectId", projectId).data("feed", feed.get("items"))
                    .data("subscriptions", subscriptions);
        });
    }

    @GET
    @Path("/audit")
    public Response audit(@Context HttpServerRequest request, @PathParam("projectId") String projectId,
            @QueryParam("page") String page) {
        int number = page != null && page.matches("[0-9]{1,4}") ? Integer.parseInt(page) : 0;
        return pages.render(request, (session, viewer) -> audit.data("viewer", viewer).data("projectId", projectId)
                .data("page", number).data("audit", api.object(session, "/api/projects/" + seg(projectId)
                        + "/audit?page=" + number)));
    }

    @GET
    @Path("/metrics")
    public Response metrics(@Context HttpServerRequest request, @PathParam("projectId") String projectId,
            @QueryParam("environment") String environment) {
        String base = "/api/projects/" + seg(projectId) + "/metrics?"
                + (environment == null || environment.isBlank() ? "" : "environment=" + seg(environment) + "&");
        return pages.render(request, (session, viewer) -> {
            Map<String, Object> now = api.object(session, base.substring(0, base.length() - 1));
            Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            List<Map<String, Object>> weeks = new ArrayList<>();
            for (int w = WEEKS - 1; w >= 0; w--) {
                Instant to = end.minus(Duration.ofDays(7L * w));
                Instant from = to.minus(Duration.ofDays(7));
                Map<String, Object> week = api.object(session, base + "from=" + seg(from.toString()) + "&to="
                        + seg(to.toString()));
                weeks.add(Map.of("from", from.toString().substring(0, 10), "figures", MetricsCharts.byName(week)));
            }
            return metrics.data("viewer", viewer).data("projectId", projectId).data("environment", environment)
                    .data("m", now).data("charts", MetricsCharts.of(now, weeks));
        });
    }
}
