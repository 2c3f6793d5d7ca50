package dev.shiplog.kit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.shiplog.kit.access.AccessDeniedException;
import dev.shiplog.kit.messaging.EventLogUnavailableException;
import dev.shiplog.kit.messaging.EventRejectedException;
import dev.shiplog.kit.messaging.Failures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an application/problem+json answer; nothing leaks out as a bare 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "The request breaks " + e.violations().size()
                + " rule(s): " + e.getMessage(), e.violations());
    }

    @ServerExceptionMapper
    public Response unprocessable(UnprocessableException e) {
        return Problem.response(422, "Unprocessable Content", e.getMessage(),
                List.of(new InvalidInputException.Violation(e.field(), e.rule())));
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e) {
        return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The request body is too large",
                List.of(new InvalidInputException.Violation("body", e.getMessage())));
    }

    /** No credential, or one that is malformed, unknown, expired or revoked: 401, saying which. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthorized(e.getMessage());
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unauthorizedCall(UnauthorizedException e) {
        return unauthorized(e.getMessage());
    }

    /** An endpoint only instance administrators may call. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "This is for administrators of the instance.", List.of());
    }

    @ServerExceptionMapper
    public Response denied(AccessDeniedException e) {
        return Problem.response(Response.Status.FORBIDDEN, e.getMessage(), List.of());
    }

    private static Response unauthorized(String why) {
        String detail = why == null || why.isBlank() ? "A credential is required: Authorization: Bearer <token>" : why;
        return Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED, detail, List.of()))
                .header("WWW-Authenticate", "Bearer realm=\"shiplog\"").build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage(), e.field() == null ? List.of()
                : List.of(new InvalidInputException.Violation(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response serviceUnavailable(ServiceUnavailableException e) {
        LOG.warn(e.getMessage());
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage() + "; retry later.", List.of());
    }

    @ServerExceptionMapper
    public Response logUnavailable(EventLogUnavailableException e) {
        LOG.warn(e.getMessage(), e.getCause());
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                "The event log is unavailable; nothing was accepted. Retry later.", List.of());
    }

    @ServerExceptionMapper
    public Response rejected(EventRejectedException e) {
        LOG.warn(e.getMessage());
        return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "The request is too large to be recorded on the event log; nothing was accepted.",
                List.of(new InvalidInputException.Violation("body", "is too large for one event")));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : "body";
        String rule = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
                ? "is not a known field"
                : e instanceof JsonMappingException ? "has the wrong type or shape" : "must be well-formed JSON";
        // the parser's own message names Java types and quotes the input: a problem names the field and the rule only
        return Problem.response(Response.Status.BAD_REQUEST, field + " " + rule,
                List.of(new InvalidInputException.Violation(field, rule)));
    }

    /** Replaces Quarkus' own mapper for this one (plain JSON): a value of the wrong type names its field. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return Problem.response(status, known == null ? "Error" : known.getReasonPhrase(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (Failures.isDatabaseUnavailable(e)) {
            LOG.warnf("database unavailable: %s", Failures.rootMessage(e));
            return Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                    "The database is unavailable; nothing was changed. Retry later.", List.of());
        }
        LOG.error("unexpected failure", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "Unexpected failure; see the service log.",
                List.of());
    }
}
