package dev.shiplog.deployment.web;

import dev.shiplog.deployment.domain.IssuedToken;
import dev.shiplog.deployment.service.AccessCommands;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Credentials;
import dev.shiplog.kit.rest.InvalidInputException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Signing in to the dashboard and out. An API token (or a JWT of the configured issuer) is pasted once and
 * exchanged for a session: a new API token of the person's ({@link AccessCommands#openSession}), for at most
 * {@value #HOURS} hours (a JWT's own expiry if sooner), held in an HttpOnly, SameSite=Strict cookie. Signing out
 * revokes it on the log, so every service refuses it from then on. A sign-in sent from another site's page (its
 * {@code Origin} is not this gateway) is refused: nobody is signed in to an account not their own.
 */
@Path("/ui")
@Blocking
@PermitAll
public class SignInResource {

    static final int HOURS = 12;

    private final Credentials credentials;
    private final AccessCommands commands;
    private final AccessGuard access;
    private final JWTParser jwt;
    private final Template signIn;

    public SignInResource(Credentials credentials, AccessCommands commands, AccessGuard access, JWTParser jwt,
            @Location("sign-in.html") Template signIn) {
        this.credentials = credentials;
        this.commands = commands;
        this.access = access;
        this.jwt = jwt;
        this.signIn = signIn;
    }

    @GET
    @Path("/sign-in")
    public Response page(@QueryParam("ended") String ended) {
        String message = ended != null ? "Your session ended: sign in again." : null;
        return Pages.html(signIn.data("viewer", null).data("message", message), 200);
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        if (origin != null && !(origin.equals("http://" + host) || origin.equals("https://" + host))) {
            return refused("the sign-in form must be sent from this dashboard's own page", 403);
        }
        String credential = token == null ? "" : token.trim();
        Caller caller;
        try {
            caller = credentials.verify(credential);
        } catch (AuthenticationFailedException e) {
            return refused(e.getMessage(), 401);
        }
        Instant expires = Instant.now().plus(Duration.ofHours(HOURS));
        if (caller.tokenId() == null) {
            expires = earliest(expires, credential);
        }
        IssuedToken session;
        try {
            session = commands.openSession(caller, expires);
        } catch (InvalidInputException e) {
            return refused("A project token cannot sign in: it is a script's credential. Use a personal API token"
                    + " or a JWT.", 400);
        }
        int maxAge = (int) Math.max(1, Duration.between(Instant.now(), session.expiresAt()).toSeconds());
        return Response.seeOther(URI.create("/")).cookie(Pages.cookie(session.token(), maxAge))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/sign-out")
    public Response signOut() {
        Caller caller = access.caller();
        if (caller.tokenId() != null && !"bootstrap".equals(caller.tokenId())) {
            commands.revoke(caller, caller.tokenId(), "signed out of the dashboard");
        }
        return Response.noContent().cookie(Pages.cookie("", 0)).build();
    }

    private Response refused(String why, int status) {
        return Pages.html(signIn.data("viewer", null).data("message", "Not signed in: " + why), status);
    }

    /** A JWT's session ends when the JWT does, if that is sooner. */
    private Instant earliest(Instant expires, String token) {
        try {
            long exp = jwt.parse(token).getExpirationTime();
            return exp > 0 && Instant.ofEpochSecond(exp).isBefore(expires) ? Instant.ofEpochSecond(exp) : expires;
        } catch (ParseException e) {
            return expires;
        }
    }
}
