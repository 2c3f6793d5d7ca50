package dev.shiplog.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.deployment.gateway.GatewayRoutes;
import dev.shiplog.deployment.gateway.Route;
import dev.shiplog.deployment.gateway.UpstreamService;
import dev.shiplog.testing.OpenApiOperations;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Generated clients get good names: every one of the gateway's own operations has an operationId and a description,
 * and no two operations of its one document share an operationId. The document also holds the other services'
 * operations, merged at build time (gateway.UpstreamOpenApi; under {@code @QuarkusTest} too) from the documents
 * their last builds wrote to docs/openapi, which may lag behind their code until they are built again (each
 * service's own OpenApiOperationsTest holds it to the same rule). So here those are held to arriving unchanged,
 * with operationIds unique across the whole document.
 */
@QuarkusTest
@WithTestResource(ApiInfra.class)
class OpenApiOperationsTest {

    /** Where this module's build copies the other services' documents (gateway.UpstreamOpenApi reads them there). */
    static final String UPSTREAM_DOCUMENTS = "META-INF/shiplog/upstream-openapi/";

    @Test
    void everyOwnOperationHasAnOperationIdAndADescriptionAndNoOperationIdIsUsedTwice() {
        JsonPath document = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        OpenApiOperations.Findings found = OpenApiOperations.check(paths,
                (method, path) -> upstream(method, path) == null);
        assertTrue(found.ids().size() > 1, "the document lists the gateway's operations: " + paths.keySet());
        assertEquals(List.of(), found.wanting(), "each of the gateway's own operations has an operationId and a"
                + " description");
        assertEquals(List.of(), found.twice(), "operationIds are unique across the merged document");
        assertEquals("createDeployment", document.getString("paths.'/api/deployments'.post.operationId"));
        assertEquals("rollbackEnvironment", document.getString("paths.'/api/deployments/{id}/rollback'.post"
                + ".operationId"), "one operation, with a body or without");
        assertEquals("rebuildProjection", document.getString("paths.'/admin/rebuild'.post.operationId"),
                "the gateway's own rebuild; the other services' are not merged");
    }

    @Test
    void theOtherServicesOperationsKeepTheirOperationIdAndDescriptionInTheMergedDocument() throws IOException {
        JsonPath document = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        Map<UpstreamService, Map<String, Map<String, Object>>> documents = new EnumMap<>(UpstreamService.class);
        for (UpstreamService service : UpstreamService.values()) {
            documents.put(service, upstreamPaths(service));
        }
        List<String> changed = new ArrayList<>();
        for (Route route : GatewayRoutes.ALL) {
            String method = route.method().toLowerCase(Locale.ROOT);
            Map<String, Object> theirs = documents.get(route.service()).get(route.path());
            if (theirs == null || theirs.get(method) == null) {
                continue; // its service's document lacks it, and so does the gateway's (UpstreamOpenApiTest)
            }
            Map<?, ?> source = (Map<?, ?>) theirs.get(method);
            Map<?, ?> merged = paths.containsKey(route.path()) ? (Map<?, ?>) paths.get(route.path()).get(method)
                    : null;
            for (String field : List.of("operationId", "description")) {
                Object became = merged == null ? "(no operation)" : merged.get(field);
                if (!Objects.equals(source.get(field), became)) {
                    changed.add(route.method() + " " + route.path() + " " + field + ": " + source.get(field)
                            + " became " + became);
                }
            }
        }
        assertEquals(List.of(), changed, "the merge carries each operation's operationId and description as is");
    }

    /** The {@code paths} of the document {@code service}'s build wrote, as this module's build copied it. */
    private static Map<String, Map<String, Object>> upstreamPaths(UpstreamService service) throws IOException {
        String name = UPSTREAM_DOCUMENTS + service.label() + "/openapi.json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return JsonPath.from(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getMap("paths");
        }
    }

    /** The route the gateway passes {@code method} {@code path} on by, or null for one of its own operations. */
    private static Route upstream(String method, String path) {
        return GatewayRoutes.ALL.stream().filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path))
                .findFirst().orElse(null);
    }
}
