package dev.shiplog.pipeline;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.OpenApiOperations;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated clients get good names: every operation of the pipeline-worker's OpenAPI document has an operationId
 * and a description, and no two operations share an operationId.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class OpenApiOperationsTest {

    @Test
    void everyOperationHasAnOperationIdAndADescriptionAndNoOperationIdIsUsedTwice() {
        JsonPath document = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        OpenApiOperations.Findings found = OpenApiOperations.check(paths, (method, path) -> true);
        assertTrue(found.ids().size() > 1, "the document lists the service's operations: " + paths.keySet());
        assertEquals(List.of(), found.wanting(), "every operation has an operationId and a description");
        assertEquals(List.of(), found.twice(), "operationIds are unique within the document");
        String known = "paths.'/api/queues/{projectId}/{environment}'.get.operationId";
        assertEquals("getEnvironmentQueue", document.getString(known), "a known operation, by its name");
    }
}
