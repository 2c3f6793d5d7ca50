package dev.shiplog.deployment.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A release never receives the dashboard's session cookie; its own cookies reach it untouched. */
class SitesProxySessionTest {

    @Test
    void theSessionCookieIsDroppedAndTheOthersKept() {
        assertEquals("theme=dark; cart=3", SitesProxy.withoutSession("theme=dark; shiplog_session=shp_x_y; cart=3"));
        assertNull(SitesProxy.withoutSession("shiplog_session=shp_x_y"));
        assertNull(SitesProxy.withoutSession(null));
        assertEquals("shiplog_session_other=1", SitesProxy.withoutSession("shiplog_session_other=1"));
    }
}
