package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.domain.Deployment;
import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.LogPage;
import dev.shiplog.deployment.service.DeploymentDecisions;
import dev.shiplog.deployment.service.DeploymentHistory;
import dev.shiplog.deployment.service.DeploymentQueries;
import dev.shiplog.deployment.service.DeploymentRequests;
import dev.shiplog.deployment.service.RestoreCommands;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.QueryParams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Deployments: start one, read one, cancel one, read and follow its log. */
@Path("/api/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeploymentResource {

    static final Duration STREAM_POLL = Duration.ofMillis(250);
    static final Duration LOG_QUIET = Duration.ofSeconds(2);
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeploymentResource.class);

    private final DeploymentRequests requests;
    private final DeploymentDecisions decisions;
    private final RestoreCommands restores;
    private final DeploymentQueries queries;
    private final AccessGuard access;
    private final ProjectionPositions positions;
    private final DeploymentApiConfig config;

    public DeploymentResource(DeploymentRequests requests, DeploymentDecisions decisions, RestoreCommands restores,
            DeploymentQueries queries, AccessGuard access, ProjectionPositions positions, DeploymentApiConfig config) {
        this.requests = requests;
        this.decisions = decisions;
        this.restores = restores;
        this.queries = queries;
        this.access = access;
        this.positions = positions;
        this.config = config;
    }

    /**
     * Accepts a deployment: 202 once DeploymentRequested is on the log; the pipeline does the rest. With an
     * {@code Idempotency-Key}, a retried request answers with the same deployment and records nothing new; the same
     * key with another request is refused (422). Needs the deployer role in the project, maintainer in a protected
     * environment; where the environment requires an approval, the deployment waits for one (pending).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createDeployment", description = "Starts a deployment (deployer; maintainer in a"
            + " protected environment): 202 with its statusUrl; 400 bad input, 409 pinned, 422 Idempotency-Key reused.")
    public Response start(DeploymentRequest request,
            @HeaderParam(DeploymentRequests.IDEMPOTENCY_KEY) String idempotencyKey) {
        Caller caller = access.caller();
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        DeploymentRequests.Outcome outcome = requests.request(request.toCommand(), caller, idempotencyKey, null);
        return accepted(outcome, request.scheduledAt() != null ? "scheduled" : "pending");
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDeployment", description = "One deployment (any role in its project): 200, or 404."
            + " With seen, the log position an accepted request's statusUrl carries, it first waits a bounded time"
            + " until the history shows that request: read your writes.")
    public Deployment get(@PathParam("id") String id, @QueryParam("seen") String seen) {
        Caller caller = access.caller();
        if (seen != null) {
            String rule = LogPosition.rule(seen);
            if (rule != null) {
                throw new InvalidInputException("seen", rule);
            }
            positions.await(DeploymentHistory.CONSUMER, LogPosition.parse(seen).orElseThrow(),
                    config.gateway().visibleWithin());
        }
        return queries.deployment(caller, id);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelDeployment", description = "Asks to cancel a pending or running deployment: it"
            + " never goes live (deployer; maintainer in a protected environment). 202; 409 if it is already over.")
    public Response cancel(@PathParam("id") String id, @QueryParam("reason") String reason) {
        Caller caller = access.caller();
        decisions.cancel(id, caller, reason, null);
        return Response.accepted(queries.deployment(caller, id)).build();
    }

    /**
     * Returns the deployment's environment to an earlier release (body optional: {@code targetDeploymentId}, default
     * the release live before this one, and {@code reason}): 202 with the rollback's own deployment, which
     * re-activates the target's artifact and configuration snapshot (no build), goes ahead of what waits there, and
     * pins the environment. 404 for an unknown deployment; 409 or 422 naming the reason when the target cannot be
     * restored.
     */
    @POST
    @Path("/{id}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rollbackEnvironment", summary = "Roll the deployment's environment back to an earlier"
            + " release (202)", description = "Re-activates an earlier release (no build) and pins the environment;"
            + " the body is optional: targetDeploymentId (default the release live before this one) and reason."
            + " Deployer, maintainer in a protected environment: 202 with the rollback's deployment; 404, or 409 or"
            + " 422 when the target cannot be restored.")
    public Response rollback(@PathParam("id") String id, RollbackRequest request,
            @HeaderParam(DeploymentRequests.IDEMPOTENCY_KEY) String idempotencyKey) {
        Caller caller = access.caller();
        DeploymentRequests.Outcome outcome = restores.rollback(id, request == null ? null
                : request.targetDeploymentId(), request == null ? null : request.reason(), caller, idempotencyKey,
                null);
        return accepted(outcome, "pending");
    }

    /** The same, with no body: back to the release live before this one. */
    @POST
    @Path("/{id}/rollback")
    @Operation(summary = "Roll the deployment's environment back to the release live before it (202)")
    public Response rollbackToPrevious(@PathParam("id") String id,
            @HeaderParam(DeploymentRequests.IDEMPOTENCY_KEY) String idempotencyKey) {
        return rollback(id, null, idempotencyKey);
    }

    /**
     * Deploys this successful deployment's very artifact to another environment, with that environment's
     * configuration (body {@code environment}, optional {@code scheduledAt}): 202 with the promotion's deployment.
     */
    @POST
    @Path("/{id}/promote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "promoteDeployment", summary = "Promote the deployment's artifact to another environment"
            + " (202)", description = "Deploys this successful deployment's very artifact to the environment the body"
            + " names, with its configuration (deployer; maintainer if protected). 202; 404, 409 or 422 if it cannot.")
    public Response promote(@PathParam("id") String id, PromoteRequest request,
            @HeaderParam(DeploymentRequests.IDEMPOTENCY_KEY) String idempotencyKey) {
        Caller caller = access.caller();
        if (request == null) {
            throw new InvalidInputException("body", "is required ({\"environment\": \"production\"})");
        }
        return accepted(restores.promote(id, request.environment(), request.scheduledAt(), caller, idempotencyKey,
                null), request.scheduledAt() != null ? "scheduled" : "pending");
    }

    /**
     * 202 once the history shows the new deployment (bounded: {@code gateway.visible-within}), so its statusUrl
     * answers at once; the statusUrl names the request's log position too ({@code seen}), for a history that lags
     * more than that.
     */
    private Response accepted(DeploymentRequests.Outcome outcome, String status) {
        String statusUrl = "/api/deployments/" + outcome.deploymentId();
        Response.ResponseBuilder answer;
        if (outcome.position() != null) {
            positions.await(DeploymentHistory.CONSUMER, outcome.position(), config.gateway().visibleWithin());
            statusUrl += "?seen=" + outcome.position();
            answer = Response.accepted(new Accepted(outcome.deploymentId(), status, statusUrl))
                    .header(LogPosition.HEADER, outcome.position().toString());
        } else {
            answer = Response.accepted(new Accepted(outcome.deploymentId(), status, statusUrl));
        }
        return answer.location(URI.create(statusUrl)).build();
    }

    @POST
    @Path("/{id}/approve")
    @Operation(operationId = "approveDeployment", description = "Approves a deployment that waits for an approval; it"
            + " runs when its turn comes. A maintainer other than its requester: 202; 409 if it no longer waits.")
    public Response approve(@PathParam("id") String id, @QueryParam("comment") String comment) {
        Caller caller = access.caller();
        decisions.decide(id, caller, true, comment);
        return Response.accepted(queries.deployment(caller, id)).build();
    }

    @POST
    @Path("/{id}/reject")
    @Operation(operationId = "rejectDeployment", description = "Rejects a deployment that waits for an approval: it"
            + " never runs. A maintainer other than its requester: 202; 409 if it no longer waits.")
    public Response reject(@PathParam("id") String id, @QueryParam("reason") String reason) {
        Caller caller = access.caller();
        decisions.decide(id, caller, false, reason);
        return Response.accepted(queries.deployment(caller, id)).build();
    }

    /**
     * The deployment's log, in order: chunks after sequence {@code after}, at most {@code limit} and about 4 MiB of
     * text; {@code next} is where the following page starts. {@code stream} keeps one stream: {@code stdout},
     * {@code stderr}, {@code system} (the build's) or {@code runtime} (what its application prints while it runs).
     */
    @GET
    @Path("/{id}/logs")
    @Operation(operationId = "getDeploymentLogs", description = "A page of the deployment's log, in order, of all"
            + " streams or one (any role in its project): 200; 400 for a bad parameter, 404 for an unknown deployment.")
    public LogPage logs(@PathParam("id") String id, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @QueryParam("stream") String stream) {
        if (stream != null && !LOG_STREAMS.contains(stream)) {
            throw new dev.shiplog.kit.rest.InvalidInputException("stream", "must be one of " + LOG_STREAMS);
        }
        return queries.logs(access.caller(), id, QueryParams.whole("after", after, -1, -1, Long.MAX_VALUE),
                QueryParams.integer("limit", limit, 1000, 1, 10_000), stream);
    }

    static final java.util.List<String> LOG_STREAMS = java.util.List.of("stdout", "stderr", "system", "runtime");

    /**
     * Server-Sent Events: {@code status} (the deployment, whenever it changes) and {@code log} (each new chunk),
     * until the deployment is over and its log is drained. {@code stream} keeps one stream, as for the logs;
     * {@code runtime} follows a server application's output past the deployment's end, while its release is live.
     */
    @GET
    @Path("/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamDeploymentLogs", description = "Follows the deployment as Server-Sent Events,"
            + " status and log, until it is over and its log drained (any role in its project): 200; 400, 404 first.")
    public Multi<StreamEvent> stream(@PathParam("id") String id, @QueryParam("stream") String stream) {
        if (stream != null && !LOG_STREAMS.contains(stream)) {
            throw new dev.shiplog.kit.rest.InvalidInputException("stream", "must be one of " + LOG_STREAMS);
        }
        Caller caller = access.caller();
        queries.deployment(caller, id);
        StreamCursor cursor = new StreamCursor(caller, id, stream);
        return Multi.createFrom().ticks().every(STREAM_POLL)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .concatMap(tick -> Multi.createFrom().iterable(QuarkusTransaction.requiringNew().call(cursor::poll)))
                .select().first(event -> !StreamEvent.END.equals(event.type()))
                .onFailure().invoke(e -> LOG.warnf(e, "stream of %s failed", id));
    }

    /**
     * What a stream has sent so far: the last status and the last log chunk. Logs travel on their own topic (and
     * their own consumer), so the end waits until the log of a finished deployment has been quiet for
     * {@link #LOG_QUIET} since the stream saw it end; following the runtime stream, also until its release is no
     * longer its environment's live one (its application stops then).
     */
    private final class StreamCursor {
        private final Caller caller;
        private final String id;
        private final String only;
        private Deployment lastView;
        private long lastChunk = -1;
        private long lastChunkAt = System.nanoTime();
        private boolean seenOver;

        StreamCursor(Caller caller, String id, String only) {
            this.caller = caller;
            this.id = id;
            this.only = only;
        }

        List<StreamEvent> poll() {
            List<StreamEvent> out = new ArrayList<>();
            Deployment now = queries.deployment(caller, id);
            if (!now.equals(lastView)) {
                out.add(StreamEvent.status(now));
                lastView = now;
            }
            for (LogPage.Chunk c : queries.logs(caller, id, lastChunk, 50, only).chunks()) { // at most ~1.6 MB a tick
                out.add(StreamEvent.log(c));
                lastChunk = c.sequence();
                lastChunkAt = System.nanoTime();
            }
            boolean over = DeploymentStatus.fromWire(now.status()).map(DeploymentStatus::finished).orElse(false);
            if (over && !seenOver) {
                seenOver = true;
                lastChunkAt = Math.max(lastChunkAt, System.nanoTime()); // quiet since the end, not since the start
            }
            boolean running = over && "runtime".equals(only) && queries.isLive(now);
            if (over && !running && System.nanoTime() - lastChunkAt > LOG_QUIET.toNanos()) {
                out.add(StreamEvent.end());
            }
            return out;
        }
    }
}
