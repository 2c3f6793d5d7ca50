package dev.shiplog.pipeline.rest;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.pipeline.domain.lane.Entry;
import dev.shiplog.pipeline.service.Lanes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** For operators: an environment's lane, the deployment holding it first, then those waiting, in order. */
@Path("/api/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private final Lanes lanes;
    private final AccessGuard access;

    public QueueResource(Lanes lanes, AccessGuard access) {
        this.lanes = lanes;
        this.access = access;
    }

    /** One unfinished deployment, its place, and who runs it (attempt and worker instance) once it runs. */
    public record QueuedView(int position, String deploymentId, Instant requestedAt, String state, int attempt,
            String worker) {
    }

    @GET
    @Path("/{projectId}/{environment}")
    @Operation(operationId = "getEnvironmentQueue", description = "The environment's lane, for operators: the"
            + " deployment holding it first, then those waiting, in order (any role in the project): 200; 400 for a"
            + " bad name, 403 without a role.")
    public List<QueuedView> lane(@PathParam("projectId") String projectId,
            @PathParam("environment") String environment) {
        List<Entry> lane = lanes.lane(access.caller(), projectId, environment);
        return IntStream.range(0, lane.size()).mapToObj(i -> {
            Entry e = lane.get(i);
            return new QueuedView(i, e.deploymentId(), e.requestedAt(), e.state().name().toLowerCase(),
                    e.attempt(), e.owner());
        }).toList();
    }
}
