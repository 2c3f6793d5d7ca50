package dev.shiplog.kit.rebuild;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.rest.InvalidInputException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For operators: rebuilds this service's projection from offset zero beside the live one, compares them, and
 * switches to the rebuilt one ({@code ./shiplog rebuild <service>}). For administrators of the instance only.
 */
@Path("/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    private final ProjectionRebuilder rebuilder;
    private final AccessGuard access;

    public RebuildResource(ProjectionRebuilder rebuilder, AccessGuard access) {
        this.rebuilder = rebuilder;
        this.access = access;
    }

    @POST
    // one operationId in every service: each service's document has its own /admin/rebuild, and the gateway's merged
    // document takes only GatewayRoutes' paths from the others, so this one stays unique there too
    @Operation(operationId = "rebuildProjection", summary = "Rebuild the projection from the log; switch=false only"
            + " compares (instance administrators)", description = "Rebuilds this service's projection from offset"
            + " zero beside the live one and compares them, then serves the rebuilt one unless switch=false (instance"
            + " administrators only): 200 with the report; 400 for a bad switch, 403 for anyone else, 409 while"
            + " another rebuild runs.")
    public RebuildReport rebuild(@QueryParam("switch") String switchOver) throws SQLException {
        access.requireInstanceAdmin(access.caller(), "projection.rebuild", null);
        if (switchOver != null && !switchOver.equals("true") && !switchOver.equals("false")) {
            throw new InvalidInputException("switch", "must be true or false");
        }
        return rebuilder.rebuild(!"false".equals(switchOver));
    }
}
