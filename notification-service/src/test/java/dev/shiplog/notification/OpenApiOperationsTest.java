package dev.shiplog.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.InfraResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated clients get good names: every operation of the notification-service's OpenAPI document has an operationId
 * and a description, and no two operations share an operationId.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class OpenApiOperationsTest {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @Test
    void everyOperationHasAnOperationIdAndADescriptionAndNoOperationIdIsUsedTwice() {
        JsonPath document = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<String> wanting = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return; // path-level parameters, summary, ...
            }
            String where = method.toUpperCase(Locale.ROOT) + " " + path;
            Map<?, ?> operation = (Map<?, ?>) value;
            String id = text(operation.get("operationId"));
            if (id == null) {
                wanting.add(where + ": no operationId");
            } else if (ids.putIfAbsent(id, where) != null) {
                twice.add(id + ": " + ids.get(id) + " and " + where);
            }
            if (text(operation.get("description")) == null) {
                wanting.add(where + ": no description");
            }
        }));
        assertTrue(ids.size() > 1, "the document lists the service's operations: " + paths.keySet());
        assertEquals(List.of(), wanting, "every operation has an operationId and a description");
        assertEquals(List.of(), twice, "operationIds are unique within the document");
        String known = "paths.'/api/projects/{projectId}/subscriptions'.get.operationId";
        assertEquals("listSubscriptions", document.getString(known), "a known operation, by its name");
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
