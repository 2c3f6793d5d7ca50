package dev.shiplog.deployment.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

/** The gateway's one OpenAPI document lists every operation it passes on, as its service documents it. */
class UpstreamOpenApiTest {

    static OpenAPI merged(OpenAPI own) {
        new UpstreamOpenApi().merge(own, UpstreamOpenApi::document);
        return own;
    }

    static OpenAPI own() {
        return OASFactory.createOpenAPI().openapi("3.1.0").paths(OASFactory.createPaths()
                .addPathItem("/api/deployments", OASFactory.createPathItem().POST(OASFactory.createOperation()
                        .summary("Start")))).components(OASFactory.createComponents()
                                .addSchema("Pin", OASFactory.createSchema().addProperty("rollbackDeploymentId",
                                        OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
    }

    @Test
    void everyRouteOfTheTableIsDocumentedWithItsServicesSummary() {
        OpenAPI document = merged(own());
        for (Route route : GatewayRoutes.ALL) {
            PathItem item = document.getPaths().getPathItem(route.path());
            assertNotNull(item, route.path());
            var operation = item.getOperations().get(PathItem.HttpMethod.valueOf(route.method()));
            assertNotNull(operation, route.method() + " " + route.path());
            assertNotNull(operation.getSummary(), route.method().toLowerCase(Locale.ROOT) + " " + route.path());
        }
        assertEquals("Start", document.getPaths().getPathItem("/api/deployments").getPOST().getSummary(),
                "the gateway's own operations stay as they are");
        assertTrue(document.getPaths().getPathItem("/admin/rebuild") == null, "only the table's operations");
    }

    @Test
    void theSchemasTheOperationsReferToComeAlongRenamedWhereTheGatewayHasOneOfTheSameName() {
        OpenAPI document = merged(own());
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        assertTrue(schemas.containsKey("Environment"), schemas.keySet().toString());
        assertTrue(schemas.containsKey("Subscription"), schemas.keySet().toString());
        assertNotNull(schemas.get("Pin").getProperties().get("rollbackDeploymentId"), "the gateway's own Pin stays");
        String environment = document.getPaths().getPathItem("/api/projects/{projectId}/environments/{environment}")
                .getGET().getResponses().getAPIResponse("200").getContent().getMediaType("application/json")
                .getSchema().getRef();
        assertEquals("#/components/schemas/Environment", environment);
        for (Schema schema : schemas.values()) {
            assertRefsResolve(schema, schemas);
        }
    }

    static void assertRefsResolve(Schema schema, Map<String, Schema> schemas) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring("#/components/schemas/".length());
            assertTrue(schemas.containsKey(name), "dangling " + schema.getRef());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> assertRefsResolve(p, schemas));
        }
        if (schema.getItems() != null) {
            assertRefsResolve(schema.getItems(), schemas);
        }
    }
}
