package dev.shiplog.notification.rest;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.QueryParams;
import dev.shiplog.notification.domain.FeedPage;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.service.FeedQueries;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A project's notification feed: pages with read marks per reader, marking read, and a live stream (SSE). */
@Path("/api/projects/{projectId}/notifications")
public class ProjectFeedResource {

    static final Duration STREAM_POLL = Duration.ofMillis(250);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final FeedQueries feed;
    private final AccessGuard access;

    public ProjectFeedResource(FeedQueries feed, AccessGuard access) {
        this.feed = feed;
        this.access = access;
    }

    /** Body of {@code POST .../notifications/read}: up to which notification (null: all of them). */
    public record ReadRequest(String upTo) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listNotifications", summary = "The project's notifications, newest first, each read or"
            + " not for the caller, and how many are unread", description = "A page of the project's notification"
            + " feed with the caller's read marks (any role in the project): 200; 400 for a bad page or size.")
    public FeedPage page(@PathParam("projectId") String projectId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return feed.page(access.caller(), projectId, QueryParams.integer("page", page, 0, 0, 100_000),
                QueryParams.integer("size", size, 50, 1, 500));
    }

    @POST
    @Path("/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "markNotificationsRead", summary = "Mark read, for the caller, the project's notifications"
            + " up to one (upTo), or all: 204", description = "Marks read, for the caller only, the notifications up to"
            + " upTo, or all of them without it (any role in the project): 204; 404 for an unknown upTo.")
    public Response read(@PathParam("projectId") String projectId, ReadRequest request) {
        feed.markRead(access.caller(), projectId, request == null ? null : request.upTo());
        return Response.noContent().build();
    }

    /**
     * Server-Sent Events: each notification of the project as it is recorded ({@code event: notification}, its JSON
     * as data), for {@code seconds} (default 3600, 1 to 86400); a dashboard reconnects after that. A comment opens the
     * stream at once (so a client knows it is following) and another every 15 s keeps idle connections open.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(operationId = "streamNotifications", summary = "The project's notifications as they come (Server-Sent"
            + " Events), for up to seconds", description = "Server-Sent Events, one notification event each, for"
            + " seconds (default 3600), with a heartbeat comment every 15 s (any role in the project): 200; 400, 403.")
    public Multi<OutboundSseEvent> stream(@PathParam("projectId") String projectId,
            @QueryParam("seconds") String seconds, @Context Sse sse) {
        int lasting = QueryParams.integer("seconds", seconds, 3600, 1, 86_400);
        Caller caller = access.caller();
        FeedQueries.Cursor cursor = feed.follow(caller, projectId);
        long heartbeat = HEARTBEAT.toMillis() / STREAM_POLL.toMillis();
        Multi<OutboundSseEvent> opened = Multi.createFrom().item(sse.newEventBuilder()
                .comment("following the notifications of " + projectId).build());
        Multi<OutboundSseEvent> notifications = Multi.createFrom().ticks().every(STREAM_POLL)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .concatMap(tick -> {
                    List<OutboundSseEvent> out = new ArrayList<>();
                    for (Notification n : cursor.next()) {
                        out.add(sse.newEventBuilder().name("notification").id(n.id())
                                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(Notification.class, n).build());
                    }
                    if (out.isEmpty() && tick > 0 && tick % heartbeat == 0) {
                        out.add(sse.newEventBuilder().comment("still here").build());
                    }
                    return Multi.createFrom().iterable(out);
                });
        return Multi.createBy().concatenating().streams(opened, notifications)
                .select().first(Duration.ofSeconds(lasting));
    }
}
