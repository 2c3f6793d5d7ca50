package dev.shiplog.deployment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.kit.access.SessionCookie;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's own rules, given / when / then, without a server: roles, charts, timeline, CSRF value. */
class DashboardRulesTest {

    @Test
    void aViewerIsOfferedWhatTheirRoleAllowsAndMaintainersWhatProtectedEnvironmentsNeed() {
        Viewer vic = Viewer.of(Map.of("subject", "vic", "instanceAdmin", false, "projects", List.of(
                Map.of("projectId", "shop", "role", "viewer"), Map.of("projectId", "blog", "role", "deployer"))), "c");
        assertTrue(vic.may("shop", "viewer"));
        assertFalse(vic.may("shop", "deployer"));
        assertFalse(vic.may("other", "viewer"));
        assertTrue(vic.mayDeploy("blog", false));
        assertFalse(vic.mayDeploy("blog", true), "a protected environment takes a maintainer");
        assertTrue(vic.deploysAnywhere());
        Viewer admin = Viewer.of(Map.of("subject", "admin", "instanceAdmin", true, "projects", List.of()), "c");
        assertTrue(admin.may("anything", "admin"));
        Viewer nobody = Viewer.of(Map.of("subject", "x", "instanceAdmin", false, "projects", List.of()), "c");
        assertFalse(nobody.deploysAnywhere());
    }

    @Test
    void theCsrfValueIsStablePerSessionAndDiffersBetweenSessions() {
        String a = SessionCookie.csrf("shp_aaaaaaaaaaaaaaaa_secret-one");
        assertEquals(a, SessionCookie.csrf("shp_aaaaaaaaaaaaaaaa_secret-one"));
        assertNotEquals(a, SessionCookie.csrf("shp_aaaaaaaaaaaaaaaa_secret-two"));
        assertFalse(a.contains("secret"), "the CSRF value does not reveal the session");
    }

    @Test
    void figuresAreDrawnAgainstTheirTargets() {
        MetricsCharts.Figure rate = MetricsCharts.figure(Map.of("name", "successRate", "value", 0.95, "unit", "ratio",
                "sample", 20, "definition", "d", "target", "> 0.98"));
        assertEquals(95, rate.bar());
        assertEquals(Boolean.FALSE, rate.met());
        assertEquals("95.0 %", rate.value());
        MetricsCharts.Figure time = MetricsCharts.figure(Map.of("name", "deploymentTimeP50", "value", 150.0, "unit",
                "seconds", "sample", 3, "definition", "d", "target", "< 300"));
        assertEquals(50, time.bar());
        assertEquals(Boolean.TRUE, time.met());
        java.util.HashMap<String, Object> none = new java.util.HashMap<>(Map.of("name", "timeToRestore", "unit",
                "seconds", "sample", 0, "definition", "d"));
        none.put("value", null);
        none.put("target", null);
        MetricsCharts.Figure empty = MetricsCharts.figure(none);
        assertEquals("no data", empty.value());
        assertNull(empty.met());
        assertEquals(0, empty.bar());
    }

    @Test
    void weeksBecomeBarsScaledToTheBusiestWeek() {
        List<Map<String, Object>> weeks = List.of(
                Map.of("from", "2026-11-02", "figures", Map.of("deploymentFrequency", Map.of("value", 1.0),
                        "successRate", Map.of("value", 1.0))),
                Map.of("from", "2026-11-09", "figures", Map.of("deploymentFrequency", Map.of("value", 0.5),
                        "successRate", Map.of("value", 0.5))),
                Map.of("from", "2026-11-16", "figures", Map.of()));
        MetricsCharts.Charts charts = MetricsCharts.of(Map.of("figures", List.of()), weeks);
        assertEquals(List.of(100, 50, 0), charts.deployments().stream().map(MetricsCharts.Bar::height).toList());
        assertEquals(List.of("7", "4", "0"), charts.deployments().stream().map(MetricsCharts.Bar::text).toList());
        assertEquals(List.of("100 %", "50 %", "none"), charts.success().stream().map(MetricsCharts.Bar::text)
                .toList());
        assertEquals(50, charts.success().get(1).y());
    }

    @Test
    void stagesAreLaidOutOnTheDeploymentsTimeLine() {
        Map<String, Object> deployment = Map.of("stages", List.of(
                Map.of("stage", "build", "status", "succeeded", "startedAt", "2026-12-01T10:00:00Z",
                        "completedAt", "2026-12-01T10:00:03Z"),
                Map.of("stage", "upload", "status", "succeeded", "startedAt", "2026-12-01T10:00:03Z",
                        "completedAt", "2026-12-01T10:00:04Z")));
        List<Map<String, Object>> timeline = DeploymentPage.timeline(deployment);
        assertEquals("3.0 s", timeline.get(0).get("seconds"));
        assertEquals(0L, timeline.get(0).get("offset"));
        assertEquals(75L, timeline.get(0).get("width"));
        assertEquals(75L, timeline.get(1).get("offset"));
        assertEquals(9, timeline.get(1).get("y"));
    }
}
