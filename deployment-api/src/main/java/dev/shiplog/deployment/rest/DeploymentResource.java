package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.DeploymentStageEntity;
import dev.shiplog.deployment.repository.LogChunkEntity;
import dev.shiplog.deployment.service.DeploymentCommands;
import dev.shiplog.deployment.service.DeploymentStatus;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.NotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Deployments: start one, read one, cancel one, read and follow its log. */
@Path("/api/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeploymentResource {

    static final Duration STREAM_POLL = Duration.ofMillis(250);
    static final Duration LOG_QUIET = Duration.ofSeconds(1);
    static final long MAX_LOG_PAGE_CHARS = 4L * 1024 * 1024;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeploymentResource.class);

    private final DeploymentCommands commands;
    private final DeploymentMapper mapper;

    public DeploymentResource(DeploymentCommands commands, DeploymentMapper mapper) {
        this.commands = commands;
        this.mapper = mapper;
    }

    /**
     * Accepts a deployment: 202 once DeploymentRequested is on the log; the pipeline does the rest. With an
     * {@code Idempotency-Key}, a retried request answers with the same deployment and records nothing new.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(DeploymentRequest request, @HeaderParam("X-Shiplog-User") String user,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidInputException("Idempotency-Key", "must be 1 to 200 characters");
        }
        DeploymentCommands.Outcome outcome = commands.requestDeployment(request, actor(user), idempotencyKey, null);
        String statusUrl = "/api/deployments/" + outcome.deploymentId();
        return Response.accepted(new Accepted(outcome.deploymentId(), "pending", statusUrl))
                .location(URI.create(statusUrl)).build();
    }

    @GET
    @Path("/{id}")
    public DeploymentView get(@PathParam("id") String id) {
        return view(id);
    }

    /** Asks to cancel a pending or running deployment: 202; it never goes live. 409 if it is already over. */
    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") String id, @HeaderParam("X-Shiplog-User") String user,
            @QueryParam("reason") String reason) {
        commands.cancel(id, actor(user), reason, null);
        return Response.accepted(view(id)).build();
    }

    /**
     * The deployment's log, in order: chunks after sequence {@code after}, at most {@code limit} and about 4 MiB of
     * text; {@code next} is where the following page starts.
     */
    @GET
    @Path("/{id}/logs")
    public LogView logs(@PathParam("id") String id, @QueryParam("after") @DefaultValue("-1") long after,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new InvalidInputException("limit", "must be between 1 and 10000");
        }
        view(id);
        List<LogView.Chunk> chunks = new ArrayList<>();
        long bytes = 0;
        for (LogChunkEntity c : LogChunkEntity.after(id, after, limit)) {
            if (!chunks.isEmpty() && bytes + c.text.length() > MAX_LOG_PAGE_CHARS) {
                break; // a page stays small whatever the build printed; "next" continues from here
            }
            chunks.add(new LogView.Chunk(c.sequence, c.stage, c.stream, c.text));
            bytes += c.text.length();
        }
        return new LogView(id, chunks, chunks.isEmpty() ? after : chunks.get(chunks.size() - 1).sequence());
    }

    /**
     * Server-Sent Events: {@code status} (the deployment, whenever it changes) and {@code log} (each new chunk),
     * until the deployment is over and its log is drained.
     */
    @GET
    @Path("/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<StreamEvent> stream(@PathParam("id") String id) {
        view(id);
        StreamCursor cursor = new StreamCursor(id);
        return Multi.createFrom().ticks().every(STREAM_POLL)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .concatMap(tick -> Multi.createFrom().iterable(QuarkusTransaction.requiringNew().call(cursor::poll)))
                .select().first(event -> !StreamEvent.END.equals(event.type()))
                .onFailure().invoke(e -> LOG.warnf(e, "stream of %s failed", id));
    }

    /**
     * What a stream has sent so far: the last status and the last log chunk. Logs travel on their own topic, so the
     * end waits until a finished deployment's log has been quiet for {@link #LOG_QUIET}.
     */
    private final class StreamCursor {
        private final String id;
        private DeploymentView lastView;
        private long lastChunk = -1;
        private long lastChunkAt = System.nanoTime();

        StreamCursor(String id) {
            this.id = id;
        }

        List<StreamEvent> poll() {
            List<StreamEvent> out = new ArrayList<>();
            DeploymentView now = view(id);
            if (!now.equals(lastView)) {
                out.add(StreamEvent.status(now));
                lastView = now;
            }
            List<LogChunkEntity> chunks = LogChunkEntity.after(id, lastChunk, 50); // at most ~1.6 MB a tick
            for (LogChunkEntity c : chunks) {
                out.add(StreamEvent.log(new LogView.Chunk(c.sequence, c.stage, c.stream, c.text)));
                lastChunk = c.sequence;
                lastChunkAt = System.nanoTime();
            }
            boolean over = DeploymentStatus.fromWire(now.status()).map(DeploymentStatus::finished).orElse(false);
            if (over && System.nanoTime() - lastChunkAt > LOG_QUIET.toNanos()) {
                out.add(StreamEvent.end());
            }
            return out;
        }
    }

    private DeploymentView view(String id) {
        DeploymentEntity deployment = DeploymentEntity.findById(id);
        if (deployment == null) {
            throw new NotFoundException("No deployment " + id);
        }
        return mapper.toView(deployment, DeploymentStageEntity.of(id));
    }

    private static String actor(String user) {
        return user == null || user.isBlank() ? "anonymous" : user;
    }
}
