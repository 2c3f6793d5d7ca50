package dev.shiplog.kit.rebuild;

import dev.shiplog.kit.rest.InvalidInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For operators: rebuilds this service's projection from offset zero beside the live one, compares them, and
 * switches to the rebuilt one ({@code ./shiplog rebuild <service>}). Answers only callers on this machine.
 */
@Path("/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    private final ProjectionRebuilder rebuilder;

    public RebuildResource(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @POST
    @Operation(summary = "Rebuild the projection from the log; switch=false only compares")
    public RebuildReport rebuild(@QueryParam("switch") String switchOver, @Context HttpServerRequest request)
            throws SQLException {
        if (!loopback(request)) {
            throw new ForbiddenException("Rebuilds are asked for from the service's own machine");
        }
        if (switchOver != null && !switchOver.equals("true") && !switchOver.equals("false")) {
            throw new InvalidInputException("switch", "must be true or false");
        }
        return rebuilder.rebuild(!"false".equals(switchOver));
    }

    private static boolean loopback(HttpServerRequest request) {
        try {
            return request.remoteAddress() != null
                    && InetAddress.getByName(request.remoteAddress().host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
