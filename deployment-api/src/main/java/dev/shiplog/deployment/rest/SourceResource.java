package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.service.SourceArchives;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.schema.rules.FieldRules;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

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
     * The archive belongs to project {@code projectId}: only a deployment of that project may use it. Needs the
     * deployer role there (checked before the body is read).
     */
    @POST
    @Consumes({ "application/gzip", "application/x-gzip", MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadSourceArchive", description = "Stores a .tar.gz of the code to build, for a"
            + " deployment's archiveId (deployer in projectId): 201 with its archiveId; 400 if it is not a gzipped tar"
            + " or projectId is missing, 413 over 100 MiB.")
    public Response upload(@QueryParam("projectId") String projectId, InputStream body) throws IOException {
        if (projectId == null || FieldRules.name(projectId) != null) {
            throw new InvalidInputException("projectId", projectId == null ? "is required: the project the archive is"
                    + " for" : FieldRules.NAME_RULE);
        }
        access.require(access.caller(), projectId, Role.DEPLOYER, "source.upload", null, null,
                "uploading a source archive");
        return Response.status(Response.Status.CREATED).entity(new StoredSource(archives.store(projectId, body)))
                .build();
    }
}
