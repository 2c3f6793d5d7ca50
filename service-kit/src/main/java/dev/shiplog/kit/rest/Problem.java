package dev.shiplog.kit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem detail, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<InvalidInputException.Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String detail, List<InvalidInputException.Violation> errors) {
        return response(status.getStatusCode(), status.getReasonPhrase(), detail, errors);
    }

    public static Response response(int status, String title, String detail,
            List<InvalidInputException.Violation> errors) {
        Problem problem = new Problem("about:blank", title, status, detail, errors);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }
}
