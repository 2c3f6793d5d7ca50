package dev.shiplog.pipeline.rest;

import dev.shiplog.pipeline.repository.LaneEntry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** For operators: an environment's lane, the deployment holding it first, then those waiting, in order. */
@Path("/api/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    /** One unfinished deployment and its place. */
    public record QueuedView(int position, String deploymentId, Instant requestedAt) {
    }

    @GET
    @Path("/{projectId}/{environment}")
    public List<QueuedView> lane(@PathParam("projectId") String projectId,
            @PathParam("environment") String environment) {
        List<LaneEntry> lane = LaneEntry.lane(projectId, environment);
        return java.util.stream.IntStream.range(0, lane.size())
                .mapToObj(i -> new QueuedView(i, lane.get(i).deploymentId, lane.get(i).requestedAt))
                .toList();
    }
}
