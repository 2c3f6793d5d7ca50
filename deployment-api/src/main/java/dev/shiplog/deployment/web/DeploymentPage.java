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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment: its stages as a timeline with durations, its log as the build prints it (the page follows the
 * deployment's Server-Sent Events stream; colours rendered, searchable, downloadable as text), its URLs, and cancel
 * while it has not finished.
 */
@Path("/ui/deployments/{id}")
@Blocking
@PermitAll
public class DeploymentPage {

    /** At most this many pages of the log API (each up to 4 MiB) in a download: more than a log can hold (64 MiB). */
    static final int MAX_LOG_PAGES = 64;

    private final Api api;
    private final Pages pages;
    private final Template deployment;

    public DeploymentPage(Api api, Pages pages, @Location("deployment.html") Template deployment) {
        this.api = api;
        this.pages = pages;
        this.deployment = deployment;
    }

    @GET
    public Response page(@Context HttpServerRequest request, @PathParam("id") String id) {
        return pages.render(request, (session, viewer) -> {
            Map<String, Object> d = api.object(session, "/api/deployments/" + seg(id));
            Map<String, Object> env = api.object(session, "/api/projects/" + seg(String.valueOf(d.get("projectId")))
                    + "/environments/" + seg(String.valueOf(d.get("environment"))));
            List<Map<String, Object>> timeline = timeline(d);
            return deployment.data("viewer", viewer).data("d", d).data("env", env).data("timeline", timeline)
                    .data("height", timeline.size() * 8);
        });
    }

    @GET
    @Path("/log.txt")
    @SuppressWarnings("unchecked")
    public Response download(@Context HttpServerRequest request, @PathParam("id") String id) {
        Optional<Session> session = Session.of(request);
        if (session.isEmpty()) {
            return Pages.signIn(false);
        }
        try {
            StringBuilder text = new StringBuilder();
            long after = -1;
            for (int page = 0; page < MAX_LOG_PAGES; page++) {
                Map<String, Object> logs = api.object(session.get(), "/api/deployments/" + seg(id) + "/logs?after="
                        + after + "&limit=10000");
                List<Map<String, Object>> chunks = (List<Map<String, Object>>) logs.get("chunks");
                if (chunks.isEmpty()) {
                    break;
                }
                chunks.forEach(c -> text.append(c.get("text")));
                after = ((Number) chunks.get(chunks.size() - 1).get("sequence")).longValue();
            }
            return Response.ok(text.toString()).type("text/plain; charset=UTF-8").header("Content-Disposition",
                    "attachment; filename=\"deployment-" + id.replaceAll("[^A-Za-z0-9-]", "") + ".log\"")
                    .header("X-Content-Type-Options", "nosniff").build();
        } catch (Api.Refused e) {
            return e.status() == 401 ? Pages.signIn(true) : Response.status(e.status()).type("text/plain")
                    .entity(e.getMessage()).build();
        }
    }

    /** Each stage with its duration and where its bar starts and ends, in percent of the deployment's run. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> timeline(Map<String, Object> d) {
        List<Map<String, Object>> stages = (List<Map<String, Object>>) d.getOrDefault("stages", List.of());
        Instant start = stages.stream().map(s -> instant(s.get("startedAt"))).filter(i -> i != null).min(
                Instant::compareTo).orElse(null);
        Instant end = stages.stream().map(s -> Optional.ofNullable(instant(s.get("completedAt"))).orElse(Instant.now()))
                .max(Instant::compareTo).orElse(null);
        long total = start == null || end == null ? 0 : Math.max(1, Duration.between(start, end).toMillis());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> s : stages) {
            Map<String, Object> row = new LinkedHashMap<>(s);
            row.put("y", out.size() * 8 + 1);
            row.put("seconds", null);
            row.put("offset", 0);
            row.put("width", 0);
            Instant from = instant(s.get("startedAt"));
            Instant to = Optional.ofNullable(instant(s.get("completedAt"))).orElse(Instant.now());
            if (from != null && total > 0) {
                long ms = Duration.between(from, to).toMillis();
                row.put("seconds", String.format("%.1f s", ms / 1000.0));
                row.put("offset", Math.round(100.0 * Duration.between(start, from).toMillis() / total));
                row.put("width", Math.max(1, Math.round(100.0 * ms / total)));
            }
            out.add(row);
        }
        return out;
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(String.valueOf(value));
    }
}
