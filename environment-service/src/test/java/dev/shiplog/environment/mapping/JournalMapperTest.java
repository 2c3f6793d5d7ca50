package dev.shiplog.environment.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.environment.domain.Variable;
import dev.shiplog.environment.domain.state.Fact;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facts go into the journal and come back the same; journals written by earlier versions stay readable. */
class JournalMapperTest {

    private final JournalMapper mapper = new JournalMapper(new ObjectMapper());

    @Test
    void everyFactComesBackAsItWent() {
        for (Fact fact : List.of(
                new Fact.Configured("https://x.example", Map.of("logLevel", "debug"), true, false, 60),
                new Fact.Configured(null, Map.of(), false, true, null),
                new Fact.VariablesChanged(List.of(new Fact.VariableChanged("MODE", new Variable("MODE", false, "b",
                        null)), new Fact.VariableChanged("TOKEN", new Variable("TOKEN", true, null, "k1")),
                        new Fact.VariableChanged("OLD", null))),
                new Fact.HealthChanged("down"), new Fact.ApplicationScaled("d1", 3, 1, "busy"),
                new Fact.ApplicationCrashed("d1", 2, 137, "killed\nby the kernel", 5),
                new Fact.Pinned("r1", "bad", "ann"), new Fact.Unpinned(),
                new Fact.Deleted(), new Fact.Activated("d1", "a1", "1.0.0"), new Fact.Activated("d1", "a1", null),
                new Fact.Succeeded("d1", "1.0.0", null), new Fact.Withdrawn("d1"), new Fact.Restored("d0"),
                new Fact.WentLive("d1", "1.0.0", "a1"), new Fact.ProjectConfigured("Shop", null, "main"),
                new Fact.ProjectDeleted())) {
            JournalMapper.Kinded kinded = mapper.toJournal(fact);
            assertEquals(fact, mapper.fromJournal(kinded.kind(), kinded.payload()), kinded.toString());
        }
    }

    @Test
    void entriesOfEarlierVersionsAreReadAsTheyWereMeant() {
        assertEquals(new Fact.Configured(null, Map.of("logLevel", "debug"), false, false, null),
                mapper.fromJournal("configured", "{\"bakeSeconds\":null,\"settings\":{\"logLevel\":\"debug\"},"
                        + "\"protected\":false,\"approvalRequired\":false,\"url\":null}"));
        assertEquals(new Fact.VariablesChanged(List.of(new Fact.VariableChanged("TOKEN", new Variable("TOKEN", true,
                null, "t1")))), mapper.fromJournal("variables", "{\"changes\":[{\"secret\":true,\"name\":\"TOKEN\","
                        + "\"removed\":false,\"value\":null,\"keyId\":\"t1\"}]}"));
        assertEquals(new Fact.WentLive("d1", "1.0.0", "a1"), mapper.fromJournal("live",
                "{\"artifactId\":\"a1\",\"deploymentId\":\"d1\",\"version\":\"1.0.0\"}"),
                "a success journaled before activations were: what went live");
    }

    @Test
    void aKindThisVersionDoesNotKnowChangesNothing() {
        assertNull(mapper.fromJournal("somethingNew", "{}"));
    }
}
