package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.domain.IssuedToken;
import dev.shiplog.deployment.domain.Me;
import dev.shiplog.deployment.domain.Member;
import dev.shiplog.deployment.domain.TokenView;
import dev.shiplog.deployment.service.AccessCommands;
import dev.shiplog.deployment.service.AccessQueries;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who may do what: the caller, API tokens, project members. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AccessResource {

    private final AccessCommands commands;
    private final AccessQueries queries;
    private final AccessGuard access;

    public AccessResource(AccessCommands commands, AccessQueries queries, AccessGuard access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    @GET
    @Path("/me")
    @Operation(operationId = "getCurrentCaller", summary = "Who the caller is: subject, instance administrator or not,"
            + " token, roles per project", description = "Describes the credential's owner (any caller with a"
            + " credential): 200; 401 without one.")
    public Me me() {
        return queries.me(access.caller());
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createToken", summary = "Create an API token; its secret is in this answer only (201)",
            description = "A personal token for the caller (for someone else: instance administrators), or a project"
                    + " token with a role (project admins): 201; 400 for bad input, 403 beyond one's rights.")
    public Response issue(TokenRequest request) {
        Caller caller = access.caller();
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        IssuedToken issued = commands.issue(caller, request.toCommand());
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    @GET
    @Path("/tokens")
    @Operation(operationId = "listTokens", summary = "The caller's personal tokens, without their secrets",
            description = "The caller's own API tokens, revoked and expired ones too, never their secrets (any caller"
                    + " with a credential): 200.")
    public List<TokenView> tokens() {
        return queries.tokens(access.caller());
    }

    @DELETE
    @Path("/tokens/{tokenId}")
    @Operation(operationId = "revokeToken", summary = "Revoke a token (its owner, an admin of its project, an instance"
            + " administrator): 204", description = "Revokes a token for good, with an optional reason; revoking it"
            + " again changes nothing: 204; 403 for anyone else, 404 for an unknown token.")
    public Response revoke(@PathParam("tokenId") String tokenId, @QueryParam("reason") String reason) {
        commands.revoke(access.caller(), tokenId, reason);
        return Response.noContent().build();
    }

    @GET
    @Path("/projects/{projectId}/tokens")
    @Operation(operationId = "listProjectTokens", summary = "A project's tokens, without their secrets (project"
            + " admins)", description = "The project tokens of a project and their roles, never their secrets (project"
            + " admin): 200; 403 for anyone else.")
    public List<TokenView> projectTokens(@PathParam("projectId") String projectId) {
        return queries.projectTokens(access.caller(), projectId);
    }

    @GET
    @Path("/projects/{projectId}/members")
    @Operation(operationId = "listMembers", summary = "A project's members and their roles", description = "Who has"
            + " which role in the project (any role in the project): 200; 403 without one.")
    public List<Member> members(@PathParam("projectId") String projectId) {
        return queries.members(access.caller(), projectId);
    }

    @PUT
    @Path("/projects/{projectId}/members/{subject}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "grantMemberRole", summary = "Give someone a role in the project (project admins)",
            description = "Gives the subject a role (viewer, deployer, maintainer or admin) in the project, replacing"
                    + " theirs (project admin): 200 with the members; 400 for a bad role.")
    public List<Member> grant(@PathParam("projectId") String projectId, @PathParam("subject") String subject,
            MemberRequest request) {
        Caller caller = access.caller();
        if (request == null) {
            throw new InvalidInputException("body", "is required ({\"role\": \"deployer\"})");
        }
        commands.grant(caller, projectId, subject, request.role());
        return queries.members(caller, projectId);
    }

    @DELETE
    @Path("/projects/{projectId}/members/{subject}")
    @Operation(operationId = "removeMember", summary = "Take someone's role in the project away (project admins): 204",
            description = "Removes the subject from the project's members (project admin): 204; 404 if they are not"
                    + " a member.")
    public Response remove(@PathParam("projectId") String projectId, @PathParam("subject") String subject) {
        commands.remove(access.caller(), projectId, subject);
        return Response.noContent().build();
    }
}
