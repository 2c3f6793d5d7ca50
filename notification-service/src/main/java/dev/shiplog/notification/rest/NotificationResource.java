package dev.shiplog.notification.rest;

import dev.shiplog.notification.domain.Notification;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.notification.service.NotificationQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The in-app live feed of a project. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationQueries queries;
    private final AccessGuard access;

    public NotificationResource(NotificationQueries queries, AccessGuard access) {
        this.queries = queries;
        this.access = access;
    }

    @GET
    @Operation(operationId = "listLatestNotifications", summary = "The newest notifications of a project, newest first",
            description = "At most limit of the project's newest notifications, for the in-app live feed (any role in"
                    + " the project): 200; 400 for a bad projectId or limit, 403 without a role.")
    public List<Notification> list(
            @Parameter(description = "Project id (required)", required = true) @QueryParam("projectId") String projectId,
            @Parameter(description = "How many, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        return queries.latest(access.caller(), projectId, limit);
    }
}
