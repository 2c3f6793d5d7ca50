package dev.shiplog.deployment.web;

import dev.shiplog.kit.access.SessionCookie;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * A signed-in person's request to the dashboard: the credential the gateway took from the session cookie
 * ({@code Authorization}, set by the gateway's edge), the page's protection against cross-site requests, and this
 * gateway's own address, the one the request came in on (the dashboard reads through it: {@link Api}).
 *
 * @param csrf what a page's scripts send as {@link SessionCookie#CSRF_HEADER} with every change
 */
public record Session(String authorization, String csrf, String base) {

    /** The session of {@code request}; empty when nobody is signed in (no cookie). */
    public static Optional<Session> of(HttpServerRequest request) {
        Cookie cookie = request.getCookie(SessionCookie.NAME);
        String authorization = request.getHeader("Authorization");
        if (cookie == null || authorization == null) {
            return Optional.empty();
        }
        String address = request.localAddress().hostAddress();
        String host = address.contains(":") ? "[" + address + "]" : address;
        return Optional.of(new Session(authorization, SessionCookie.csrf(cookie.getValue()),
                "http://" + host + ":" + request.localAddress().port()));
    }
}
