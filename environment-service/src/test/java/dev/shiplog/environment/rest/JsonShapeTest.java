package dev.shiplog.environment.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.Pin;
import dev.shiplog.environment.domain.Variable;
import dev.shiplog.environment.domain.state.Application;
import dev.shiplog.environment.domain.state.EnvironmentState;
import dev.shiplog.environment.domain.state.Releases;
import dev.shiplog.environment.mapping.JsonShapes;
import dev.shiplog.schema.EnvironmentRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON an environment is answered with: the same fields, names and shape as always. */
class JsonShapeTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private final ObjectMapper json = json();

    @Test
    void anEnvironmentHasEveryFieldOfItsViewWithSettingsTypedAndOnlyTheSetOnes() throws Exception {
        EnvironmentState state = new EnvironmentState("shop", "production", "https://shop.example",
                Map.of("scaling.min", "2", "scaling.max", "10", "caching", "enabled"), true, false, 600,
                Map.of("TOKEN", new Variable("TOKEN", true, null, "k1")), "healthy",
                new Releases.Live("d1", "1.0.0", "a1"), new Pin("r1", "bad", "ann", T),
                new Application("d1", 3, new Application.Scaled(T, 2, 3, "busy"), null), T, T, true, false);
        JsonNode shown = json.readTree(json.writeValueAsString(Environment.of(state)));
        assertEquals(List.of("id", "projectId", "name", "url", "settings", "protected", "approvalRequired",
                "bakeSeconds", "variables", "status", "currentDeployment", "currentVersion", "currentArtifact", "pin",
                "application", "createdAt", "updatedAt"), fields(shown));
        assertEquals("shop/production", shown.get("id").asText());
        assertEquals(json.readTree("{\"scaling\": {\"min\": 2, \"max\": 10}, \"caching\": true}"),
                shown.get("settings"));
        assertEquals(json.readTree("[{\"name\": \"TOKEN\", \"secret\": true, \"value\": null, \"sealedWith\":"
                + " \"k1\"}]"), shown.get("variables"));
        assertEquals(json.readTree("{\"rollbackDeploymentId\": \"r1\", \"reason\": \"bad\", \"by\": \"ann\", \"at\":"
                + " \"2026-12-01T10:00:00Z\"}"), shown.get("pin"));
        assertEquals("a1", shown.get("currentArtifact").asText());
        assertEquals(json.readTree("{\"deploymentId\": \"d1\", \"instances\": 3, \"lastScaled\": {\"at\":"
                + " \"2026-12-01T10:00:00Z\", \"from\": 2, \"to\": 3, \"reason\": \"busy\"}, \"lastCrash\": null}"),
                shown.get("application"));
    }

    @Test
    void anApplicationsCrashShowsEachOfItsFields() throws Exception {
        EnvironmentState state = new EnvironmentState("shop", "production", null, Map.of(), false, false, null,
                Map.of(), null, new Releases.Live("d2", "2.0.0", "a2"), null, new Application("d2", null, null,
                        new Application.Crash(T, 1, 137, "killed", 5)), T, T, true, false);
        JsonNode shown = json.readTree(json.writeValueAsString(Environment.of(state)));
        assertEquals(json.readTree("{\"deploymentId\": \"d2\", \"instances\": null, \"lastScaled\": null,"
                + " \"lastCrash\": {\"at\": \"2026-12-01T10:00:00Z\", \"instance\": 1, \"exitCode\": 137,"
                + " \"lastOutput\": \"killed\", \"restartInSeconds\": 5}}"), shown.get("application"));
    }

    @Test
    void anEnvironmentWithNothingLiveNorPinnedNorAnApplicationShowsThemAsNull() throws Exception {
        EnvironmentState state = new EnvironmentState("shop", "staging", null, Map.of(), false, false, null,
                Map.of(), null, null, null, null, T, T, true, false);
        JsonNode shown = json.readTree(json.writeValueAsString(Environment.of(state)));
        assertEquals(json.readTree("{}"), shown.get("settings"));
        for (String field : List.of("url", "bakeSeconds", "status", "currentDeployment", "currentVersion",
                "currentArtifact", "pin", "application")) {
            assertEquals(true, shown.get(field).isNull(), field);
        }
    }

    @Test
    void anAcceptedConfigurationIsAnsweredWithItsSettingsTyped() throws Exception {
        JsonNode shown = json.readTree(json.writeValueAsString(EnvironmentConfiguration.of(EnvironmentRef.of("shop",
                "staging"), new EnvironmentChange("https://s.example", Map.of("scaling.instances", "1", "logLevel",
                        "debug"), false, true, null))));
        assertEquals(json.readTree("{\"id\": \"shop/staging\", \"projectId\": \"shop\", \"name\": \"staging\","
                + " \"url\": \"https://s.example\", \"settings\": {\"scaling\": {\"instances\": 1}, \"logLevel\":"
                + " \"debug\"}, \"protected\": false, \"approvalRequired\": true, \"bakeSeconds\": null}"), shown);
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static ObjectMapper json() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new JsonShapes().customize(mapper);
        return mapper;
    }
}
