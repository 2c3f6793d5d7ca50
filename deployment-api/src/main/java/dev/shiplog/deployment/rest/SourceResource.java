package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.service.SourceArchives;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Role;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/** Upload of a source archive to deploy instead of a git repository. */
@Path("/api/sources")
@Blocking
public class SourceResource {

    private final SourceArchives archives;
    private final AccessGuard access;

    public SourceResource(SourceArchives archives, AccessGuard access) {
        this.archives = archives;
        this.access = access;
    }

    /** The id to put in a deployment request's {@code archiveId}. */
    public record StoredSource(String archiveId) {
    }

    /**
     * Stores a {@code .tar.gz} of the code to build, at most 100 MiB, streamed to the store (never held in memory):
     * 201 with its {@code archiveId} (its sha256). Kept for {@code shiplog.source-retention} after its last upload.
     * Needs the deployer role in some project (checked before the body is read).
     */
    @POST
    @Consumes({ "application/gzip", "application/x-gzip", MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(InputStream body) throws IOException {
        access.requireSomewhere(access.caller(), Role.DEPLOYER, "uploading a source archive");
        return Response.status(Response.Status.CREATED).entity(new StoredSource(archives.store(body))).build();
    }
}
