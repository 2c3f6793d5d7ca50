package dev.shiplog.kit.access;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's session: an API token issued at sign-in, held by the browser in an HttpOnly, SameSite=Strict
 * cookie, {@value #NAME}. The gateway's edge (deployment-api {@code GatewayProxy}) turns it into the
 * {@code Authorization: Bearer} header of a request that has none, for the API and the dashboard's pages only, so
 * every service checks it as any token. A request that changes something ({@code POST}, {@code PUT},
 * {@code DELETE}, ...) must also carry {@value #CSRF_HEADER}: {@link #csrf} of the session, which only a page of
 * ours can know (the cookie is not readable by scripts), and, if the browser sends an {@code Origin}, come from this
 * host. So even if another site could make the browser send the cookie (SameSite=Strict keeps it from doing so), it
 * could not change anything.
 */
public final class SessionCookie {

    public static final String NAME = "shiplog_session";
    public static final String CSRF_HEADER = "X-Shiplog-CSRF";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * The credential of {@code request}: its {@code Authorization} header as it came, or {@code Bearer <session>}
     * from the cookie; empty if it has neither. A changing request by cookie without the right CSRF header or from
     * another origin is refused.
     */
    public static Optional<String> authorization(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            return Optional.of(header);
        }
        Cookie cookie = request.getCookie(NAME);
        if (cookie == null || cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        String session = cookie.getValue();
        if (!SAFE.contains(request.method().name())) {
            String sent = request.getHeader(CSRF_HEADER);
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.US_ASCII),
                    csrf(session).getBytes(StandardCharsets.US_ASCII))) {
                throw new AuthenticationFailedException("a change made with the session cookie must carry "
                        + CSRF_HEADER + " from a page of this dashboard");
            }
            String origin = request.getHeader("Origin");
            String host = request.getHeader("Host");
            if (origin != null && (host == null || !(origin.equals("http://" + host)
                    || origin.equals("https://" + host)))) {
                throw new AuthenticationFailedException("a change made with the session cookie must come from this"
                        + " dashboard's own origin");
            }
        }
        return Optional.of("Bearer " + session);
    }

    /** The session's protection against cross-site requests: derived from the session, which other sites lack. */
    public static String csrf(String session) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("shiplog-csrf:" + session).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private SessionCookie() {
    }
}
