package dev.shiplog.deployment.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Snapshot;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.rules.EventRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The domain's values as JSON, the domain itself knowing nothing of JSON. */
class DomainJsonTest {

    static final ObjectMapper JSON = DomainJson.apply(new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    @Test
    void aSecretIsShownWithoutItsCiphertext() throws Exception {
        Snapshot snapshot = new Snapshot("https://x", Map.of(), 30, Map.of(),
                List.of(new Snapshot.Sealed("TOKEN", "t1", "c2VhbGVk")));
        assertEquals("{\"url\":\"https://x\",\"settings\":{},\"bakeSeconds\":30,\"variables\":{},\"secrets\":"
                + "[{\"name\":\"TOKEN\",\"keyId\":\"t1\"}]}", JSON.writeValueAsString(snapshot.shown()));
    }

    @Test
    void aRequestsCanonicalFormLeavesOutOnlyItsScheduleAndRestoreWhenNull() throws Exception {
        NewDeployment request = new NewDeployment("shop", "staging", "1", "https://github.com/a/b.git", null, "main",
                null, new DeploymentSettings("make", null, Map.of("B", "2", "A", "1"), null, null, null, 60, null));
        assertEquals("{\"projectId\":\"shop\",\"environment\":\"staging\",\"version\":\"1\",\"gitUrl\":"
                + "\"https://github.com/a/b.git\",\"gitCommit\":null,\"gitBranch\":\"main\",\"archiveId\":null,"
                + "\"config\":{\"buildCommand\":\"make\",\"outputDirectory\":null,\"environmentVariables\":{\"A\":\"1\","
                + "\"B\":\"2\"},\"nodeVersion\":null,\"installCommand\":null,\"healthCheckPath\":null,\"timeout\":60}}",
                new DeploymentMapper(JSON).canonical(request));
    }

    @Test
    void aRequestsCanonicalFormHasItsStartCommandWhenItSaysOne() throws Exception {
        NewDeployment request = new NewDeployment("shop", "staging", "1", "https://github.com/a/b.git", null, "main",
                null, new DeploymentSettings("make", null, Map.of(), null, null, null, null, "node server.js"));
        assertTrue(new DeploymentMapper(JSON).canonical(request).endsWith(
                "\"timeout\":null,\"startCommand\":\"node server.js\"}}"));
        assertTrue(JSON.writeValueAsString(DeploymentSettings.NONE).contains("\"startCommand\":null"),
                "shown (outside the canonical form) null or not, like every other field");
    }

    @Test
    void aStartCommandIsCarriedOntoTheEventAndBack() {
        DeploymentMapper mapper = new DeploymentMapper(JSON);
        NewDeployment request = new NewDeployment("shop", "staging", "1", "https://github.com/a/b.git", null, "main",
                null, new DeploymentSettings("make", "dist", Map.of(), null, null, "/health", null,
                        "cd dist && exec node server.js"));
        Envelope envelope = Envelope.newBuilder().setEventId("e-1").setOccurredAt(Instant.now()).setActor("ada")
                .setCorrelationId("d-1").build();
        DeploymentRequested event = mapper.toRequested("d-1", request, envelope, null, null);
        assertEquals("cd dist && exec node server.js", event.getConfig().getStartCommand());
        assertEquals(List.of(), EventRules.violations(event));
        assertEquals(request.config(), mapper.fromAvro(event.getConfig()));
        assertEquals(request.config(), mapper.settings(mapper.settingsJson(request.config())));
        assertNull(mapper.fromAvro(mapper.toAvro(DeploymentSettings.NONE)).startCommand());
    }
}
