package dev.shiplog.deployment.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The gateway's one table of the other services' operations: what it passes on, to whom, and what it keeps. */
class GatewayRoutesTest {

    static Optional<Route> route(String method, String path) {
        return GatewayRoutes.match(method, path);
    }

    @Test
    void projectsAndEnvironmentsGoToTheEnvironmentServiceAndTheirWritesWaitForTheCatalog() {
        assertEquals(UpstreamService.ENVIRONMENTS, route("GET", "/api/projects").orElseThrow().service());
        Route configure = route("PUT", "/api/projects/shop/environments/staging").orElseThrow();
        assertEquals(Route.Kind.CATALOG_WRITE, configure.kind());
        assertEquals(Route.Kind.CATALOG_WRITE, route("DELETE", "/api/projects/shop/environments/staging/variables/A")
                .orElseThrow().kind());
        assertEquals("/api/projects/{projectId}/environments/compare",
                route("GET", "/api/projects/shop/environments/compare").orElseThrow().path());
    }

    @Test
    void notificationsAndQueuesGoToTheirServicesAndTheFeedIsAStream() {
        assertEquals(Route.Kind.STREAM, route("GET", "/api/projects/shop/notifications/stream").orElseThrow().kind());
        assertEquals(Route.Kind.WRITE, route("POST", "/api/projects/shop/subscriptions/s1/pause").orElseThrow()
                .kind());
        assertEquals(UpstreamService.PIPELINE, route("GET", "/api/queues/shop/staging").orElseThrow().service());
    }

    @Test
    void theGatewaysOwnOperationsAreNotPassedOn() {
        for (String[] own : new String[][] { { "POST", "/api/deployments" }, { "GET", "/api/deployments/d1" },
                { "GET", "/api/projects/shop/deployments" }, { "GET", "/api/projects/shop/environments/staging/releases" },
                { "POST", "/api/projects/shop/environments/staging/unpin" }, { "PUT", "/api/projects/shop/members/ada" },
                { "GET", "/api/projects/shop/audit" }, { "GET", "/api/me" }, { "POST", "/api/tokens" },
                { "PUT", "/api/projects/shop/retention" }, { "POST", "/api/projects" }, { "GET", "/sites/shop/x/" } }) {
            assertEquals(Optional.empty(), route(own[0], own[1]), own[0] + " " + own[1]);
        }
    }

    @Test
    void aTrailingSlashAndAHeadAreTheSameOperationAndASegmentNeverSpansASlash() {
        assertTrue(route("GET", "/api/projects/").isPresent());
        assertEquals("GET", route("HEAD", "/api/projects/shop").orElseThrow().method());
        assertEquals(Optional.empty(), route("GET", "/api/projects/shop/x/y/z"));
        assertEquals("/api/projects/{projectId}", route("GET", "/api/projects/a%2Fb").orElseThrow().path());
    }

    /** Every operation of the other services under /api, as their generated OpenAPI documents list them. */
    static Set<String> upstreamOperations(UpstreamService service) throws IOException {
        Set<String> operations = new TreeSet<>();
        try (InputStream in = UpstreamOpenApi.document(service)) {
            JsonNode paths = new ObjectMapper().readTree(in).path("paths");
            paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (path.getKey().startsWith("/api/") && Set.of("get", "put", "post", "delete", "patch")
                        .contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));
        }
        return operations;
    }

    @Test
    void theTableHasEveryPublicOperationOfTheOtherServicesAndNothingElse() throws IOException {
        for (UpstreamService service : UpstreamService.values()) {
            Set<String> table = new TreeSet<>();
            GatewayRoutes.ALL.stream().filter(r -> r.service() == service)
                    .forEach(r -> table.add(r.method() + " " + r.path()));
            assertEquals(upstreamOperations(service), table, service.label());
        }
    }
}
