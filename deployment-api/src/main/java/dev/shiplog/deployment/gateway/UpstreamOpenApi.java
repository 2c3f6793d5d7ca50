package dev.shiplog.deployment.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.jboss.logging.Logger;

/**
 * One OpenAPI document at the gateway for every public operation: at build time, each route of {@link GatewayRoutes}
 * gets its operation from the OpenAPI document its service generated (each build writes it to
 * {@code docs/openapi/<service>/openapi.json}; this module's build copies them to
 * {@value #DOCUMENTS}), with the schemas it refers to (renamed {@code <service>.<name>} where the gateway has another
 * schema of that name). The gateway's own operations are its resources', as generated.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class UpstreamOpenApi implements OASFilter {

    private static final Logger LOG = Logger.getLogger(UpstreamOpenApi.class);
    static final String DOCUMENTS = "META-INF/shiplog/upstream-openapi/";
    private static final String SCHEMAS = "#/components/schemas/";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        merge(openAPI, UpstreamOpenApi::document);
    }

    /** The OpenAPI document {@code service} generated, as this module's build copied it. */
    static InputStream document(UpstreamService service) {
        String name = DOCUMENTS + service.label() + "/openapi.json";
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : UpstreamOpenApi.class.getClassLoader();
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("no " + name + " on the class path (deployment-api's pom copies it from"
                    + " docs/openapi)");
        }
        return in;
    }

    /** Adds every route's operation, from {@code documents}, to {@code into}. */
    void merge(OpenAPI into, Function<UpstreamService, InputStream> documents) {
        if (into.getPaths() == null) {
            into.setPaths(OASFactory.createPaths());
        }
        if (into.getComponents() == null) {
            into.setComponents(OASFactory.createComponents());
        }
        JsonNode own = ownSchemas(into);
        Map<String, JsonNode> merged = new HashMap<>();
        own.fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue()));
        for (UpstreamService service : UpstreamService.values()) {
            OpenAPI part = parse(subset(service, read(documents.apply(service)), merged));
            part.getPaths().getPathItems().forEach((path, item) -> add(into, path, item));
            if (part.getComponents() != null && part.getComponents().getSchemas() != null) {
                part.getComponents().getSchemas().forEach((name, schema) -> into.getComponents()
                        .addSchema(name, schema));
            }
        }
    }

    /**
     * A document of {@code service}'s routes only, with the schemas they refer to (directly or not); a schema whose
     * name is {@code taken} by another schema is renamed {@code <service>.<name>}.
     */
    private ObjectNode subset(UpstreamService service, JsonNode document, Map<String, JsonNode> taken) {
        ObjectNode subset = json.createObjectNode();
        subset.put("openapi", document.path("openapi").asText("3.1.0"));
        subset.putObject("info").put("title", service.label()).put("version", "0");
        ObjectNode paths = subset.putObject("paths");
        for (Route route : GatewayRoutes.ALL) {
            if (route.service() != service) {
                continue;
            }
            String method = route.method().toLowerCase(Locale.ROOT);
            JsonNode operation = document.path("paths").path(route.path()).path(method);
            if (operation.isMissingNode()) {
                LOG.warnf("the %s's OpenAPI document has no %s %s: the gateway's document leaves it out",
                        service.label(), route.method(), route.path());
                continue;
            }
            ObjectNode item = paths.has(route.path()) ? (ObjectNode) paths.get(route.path())
                    : paths.putObject(route.path());
            item.set(method, operation.deepCopy());
        }
        JsonNode schemas = document.path("components").path("schemas");
        ObjectNode copied = subset.putObject("components").putObject("schemas");
        Map<String, String> names = new HashMap<>();
        for (String name : referenced(paths, schemas)) {
            JsonNode schema = schemas.get(name);
            JsonNode existing = taken.get(name);
            if (schema == null) {
                continue;
            }
            if (existing != null && existing.equals(schema) && referenced(schema, schemas).isEmpty()) {
                names.put(name, name); // the very same schema (Instant, say): shared
                continue;
            }
            String unique = existing == null ? name : service.label() + "." + name;
            names.put(name, unique);
            taken.put(unique, schema);
            copied.set(unique, schema.deepCopy());
        }
        renameReferences(subset, names);
        return subset;
    }

    /** The schema names {@code node} refers to, and those they refer to, as {@code schemas} defines them. */
    private static Set<String> referenced(JsonNode node, JsonNode schemas) {
        Set<String> found = new LinkedHashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            JsonNode next = todo.pop();
            if (next.isObject()) {
                JsonNode ref = next.get("$ref");
                if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMAS)) {
                    String name = ref.asText().substring(SCHEMAS.length());
                    if (found.add(name) && schemas.has(name)) {
                        todo.push(schemas.get(name));
                    }
                }
            }
            next.elements().forEachRemaining(todo::push);
        }
        return found;
    }

    private static void renameReferences(JsonNode node, Map<String, String> names) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMAS)) {
                String name = ref.asText().substring(SCHEMAS.length());
                object.set("$ref", TextNode.valueOf(SCHEMAS + names.getOrDefault(name, name)));
            }
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext();) {
            renameReferences(children.next(), names);
        }
    }

    private static void add(OpenAPI into, String path, PathItem item) {
        PathItem existing = into.getPaths().getPathItem(path);
        if (existing == null) {
            into.getPaths().addPathItem(path, item);
            return;
        }
        item.getOperations().forEach((method, operation) -> {
            if (!existing.getOperations().containsKey(method)) {
                existing.setOperation(method, operation);
            }
        });
    }

    /** The schemas the gateway's own resources gave {@code into}, as JSON. */
    private JsonNode ownSchemas(OpenAPI into) {
        OpenAPI copy = OASFactory.createOpenAPI().openapi(into.getOpenapi() == null ? "3.1.0" : into.getOpenapi())
                .info(OASFactory.createInfo().title("own").version("0")).paths(OASFactory.createPaths());
        Components components = OASFactory.createComponents();
        if (into.getComponents() != null && into.getComponents().getSchemas() != null) {
            into.getComponents().getSchemas().forEach(components::addSchema);
        }
        copy.setComponents(components);
        String written = SmallRyeOpenAPI.builder().withInitialModel(copy).enableModelReader(false)
                .enableStandardStaticFiles(false).enableAnnotationScan(false).enableStandardFilter(false).build()
                .toJSON();
        return read(new ByteArrayInputStream(written.getBytes(StandardCharsets.UTF_8))).path("components")
                .path("schemas");
    }

    private static OpenAPI parse(JsonNode document) {
        byte[] bytes = document.toString().getBytes(StandardCharsets.UTF_8);
        return SmallRyeOpenAPI.builder().withCustomStaticFile(() -> new ByteArrayInputStream(bytes))
                .enableModelReader(false).enableStandardStaticFiles(false).enableAnnotationScan(false)
                .enableStandardFilter(false).build().model();
    }

    private JsonNode read(InputStream in) {
        try (in) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
