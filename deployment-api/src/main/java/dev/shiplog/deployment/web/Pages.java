package dev.shiplog.deployment.web;

import dev.shiplog.kit.access.SessionCookie;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * What every page of the dashboard shares: nobody signed in goes to the sign-in page; the viewer's roles come from
 * the API; an API refusal becomes a page saying what was refused (a 401 means the session ended: sign in again);
 * every page is sent with headers that keep it from being framed, cached or fed scripts from elsewhere.
 */
@ApplicationScoped
public class Pages {

    private static final Logger LOG = Logger.getLogger(Pages.class);
    /** Scripts and styles from this gateway only, no inline script, no frames: a page runs only our own code. */
    static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final Api api;
    private final Template error;

    public Pages(Api api, @Location("error.html") Template error) {
        this.api = api;
        this.error = error;
    }

    /** A page for the signed-in person: {@code page} gets their session and who they are. */
    public Response render(HttpServerRequest request, BiFunction<Session, Viewer, TemplateInstance> page) {
        Optional<Session> session = Session.of(request);
        if (session.isEmpty()) {
            return signIn(false);
        }
        Viewer viewer = null;
        try {
            viewer = Viewer.of(api.object(session.get(), "/api/me"), session.get().csrf());
            return html(page.apply(session.get(), viewer), 200);
        } catch (Api.Refused e) {
            if (e.status() == 401) {
                return signIn(true);
            }
            LOG.debugf("a page shows a refusal: %d %s", e.status(), e.getMessage());
            return html(error.data("viewer", viewer).data("status", e.status()).data("detail", e.getMessage()),
                    e.status() >= 500 ? 503 : e.status());
        }
    }

    static Response html(TemplateInstance page, int status) {
        return Response.status(status).entity(page.render()).type("text/html; charset=UTF-8")
                .header("Cache-Control", "no-store").header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** To the sign-in page; {@code ended}: the session's cookie is cleared (it expired or was revoked). */
    static Response signIn(boolean ended) {
        Response.ResponseBuilder to = Response.seeOther(URI.create(ended ? "/ui/sign-in?ended=1" : "/ui/sign-in"));
        return ended ? to.cookie(cookie("", 0)).build() : to.build();
    }

    /** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's request carries it). */
    static NewCookie cookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(SessionCookie.NAME).value(value).path("/").maxAge(maxAgeSeconds).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
