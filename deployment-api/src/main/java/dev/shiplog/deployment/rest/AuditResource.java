package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.domain.AuditPage;
import dev.shiplog.deployment.service.AuditQueries;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.rest.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit trail: every command, who gave it acting as what, and how it ended. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuditResource {

    static final int MAX_PAGE = 100_000;

    private final AuditQueries queries;
    private final AccessGuard access;

    public AuditResource(AuditQueries queries, AccessGuard access) {
        this.queries = queries;
        this.access = access;
    }

    @GET
    @Path("/projects/{projectId}/audit")
    @Operation(operationId = "listProjectAuditEntries", summary = "A project's audit trail, newest first (maintainers)",
            description = "Every command given in the project, who gave it acting as what and how it ended, by actor"
                    + " and action if asked (maintainer): 200; 400 for a bad filter, page or size.")
    public AuditPage project(@PathParam("projectId") String projectId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("page") String page, @QueryParam("size") String size) {
        return queries.ofProject(access.caller(), projectId, actor, action,
                QueryParams.integer("page", page, 0, 0, MAX_PAGE), QueryParams.integer("size", size, 50, 1, 500));
    }

    @GET
    @Path("/audit")
    @Operation(operationId = "listAuditEntries", summary = "The audit trail of the whole instance, newest first"
            + " (instance administrators)", description = "Every command on the instance, by project, actor and"
            + " action if asked (instance administrators only): 200; 400 for a bad filter, 403 for anyone else.")
    public AuditPage all(@QueryParam("projectId") String projectId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("page") String page, @QueryParam("size") String size) {
        return queries.all(access.caller(), projectId, actor, action,
                QueryParams.integer("page", page, 0, 0, MAX_PAGE), QueryParams.integer("size", size, 50, 1, 500));
    }
}
