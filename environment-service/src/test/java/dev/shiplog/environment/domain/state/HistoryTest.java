package dev.shiplog.environment.domain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.environment.domain.Pin;
import dev.shiplog.environment.domain.Variable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state at an instant ({@code ?asOf=}): given the journal's facts up to it, then the project and environments. */
class HistoryTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Fact.Configured STAGING = new Fact.Configured("https://staging.example",
            Map.of("logLevel", "debug"), false, false, null);

    private final List<History.Entry> journal = new ArrayList<>();

    @Test
    void anEnvironmentIsAsItsLastConfigurationLeftIt() {
        fact(0, "staging", STAGING);
        fact(5, "staging", new Fact.Configured("https://later.example", Map.of("logLevel", "error"), true, true,
                300));
        EnvironmentState first = at(2).get("staging");
        assertEquals("https://staging.example", first.url());
        assertEquals(Map.of("logLevel", "debug"), first.settings());
        EnvironmentState later = at(5).get("staging");
        assertEquals("https://later.example", later.url());
        assertTrue(later.isProtected());
        assertTrue(later.approvalRequired());
        assertEquals(300, later.bakeSeconds());
        assertEquals(T0, later.createdAt());
        assertEquals(T0.plusSeconds(5), later.updatedAt());
    }

    @Test
    void variablesAreSetAndRemovedAndASecretIsShownWithoutItsValue() {
        fact(0, "staging", STAGING);
        fact(1, "staging", new Fact.VariablesChanged(List.of(
                new Fact.VariableChanged("MODE", new Variable("MODE", false, "first", null)),
                new Fact.VariableChanged("TOKEN", new Variable("TOKEN", true, null, "k1")))));
        fact(2, "staging", new Fact.VariablesChanged(List.of(new Fact.VariableChanged("MODE", null))));
        assertEquals(List.of(new Variable("MODE", false, "first", null), new Variable("TOKEN", true, null, "k1")),
                at(1).get("staging").variableList());
        assertEquals(List.of(new Variable("TOKEN", true, null, "k1")), at(2).get("staging").variableList());
    }

    @Test
    void theHealthIsWhatTheLastCheckSaidAndNothingBeforeOne() {
        fact(0, "staging", STAGING);
        fact(3, "staging", new Fact.HealthChanged("degraded"));
        assertNull(at(1).get("staging").status());
        assertEquals("degraded", at(3).get("staging").status());
    }

    @Test
    void aPinHoldsFromItsInstantUntilTheUnpin() {
        fact(0, "production", STAGING);
        fact(4, "production", new Fact.Pinned("r1", "bad release", "ann"));
        fact(8, "production", new Fact.Unpinned());
        assertNull(at(3).get("production").pin());
        assertEquals(new Pin("r1", "bad release", "ann", T0.plusSeconds(4)), at(4).get("production").pin());
        assertNull(at(8).get("production").pin());
    }

    @Test
    void aFirstDeploymentMakesTheEnvironmentAndWhatIsLiveIsWhatTheReleasesSay() {
        fact(1, "production", new Fact.Activated("d1", "a1", "1.0.0"));
        fact(2, "production", new Fact.Succeeded("d1", "1.0.0", "a1"));
        fact(5, "production", new Fact.Activated("d2", "a2", "2.0.0"));
        fact(6, "production", new Fact.Withdrawn("d2"));
        EnvironmentState first = at(1).get("production");
        assertTrue(first.visible());
        assertNull(first.url());
        assertEquals(new Releases.Live("d1", "1.0.0", "a1"), first.live());
        assertEquals(new Releases.Live("d2", "2.0.0", "a2"), at(5).get("production").live());
        assertEquals(new Releases.Live("d1", "1.0.0", "a1"), at(6).get("production").live());
        assertEquals(T0.plusSeconds(6), at(6).get("production").updatedAt());
    }

    @Test
    void aDeploymentThatNeverWentLiveMakesNoEnvironmentAndChangesNone() {
        fact(0, "staging", STAGING);
        fact(3, "staging", new Fact.Withdrawn("d9"));
        fact(4, "preview", new Fact.Withdrawn("d8"));
        assertEquals(T0, at(4).get("staging").updatedAt());
        assertFalse(at(4).containsKey("preview") && at(4).get("preview").visible());
        assertEquals(List.of("staging"), History.visibleEnvironments("shop", entriesUpTo(4)).stream()
                .map(EnvironmentState::name).toList());
    }

    @Test
    void aDeletedEnvironmentIsGoneWithItsVariablesAndComesBackWithoutThem() {
        fact(0, "staging", STAGING);
        fact(1, "staging", new Fact.VariablesChanged(List.of(new Fact.VariableChanged("MODE",
                new Variable("MODE", false, "x", null)))));
        fact(2, "staging", new Fact.Deleted());
        fact(3, "staging", STAGING);
        assertFalse(at(2).get("staging").visible());
        EnvironmentState again = at(3).get("staging");
        assertTrue(again.visible());
        assertEquals(List.of(), again.variableList());
        assertEquals(T0, again.createdAt(), "it was made first at T0");
    }

    @Test
    void createdAndUpdatedAreTheEarliestAndLatestFactsWhateverOrderTheyCameIn() {
        fact(5, "staging", new Fact.HealthChanged("healthy"));
        fact(2, "staging", STAGING); // the other topic's older fact, journaled later
        EnvironmentState state = History.environments("shop", journal).get("staging"); // in the order given
        assertEquals(T0.plusSeconds(2), state.createdAt());
        assertEquals(T0.plusSeconds(5), state.updatedAt());
    }

    @Test
    void theProjectIsAsItsLastConfigurationLeftItUntilItIsDeleted() {
        project(0, new Fact.ProjectConfigured("Shop", "https://github.com/acme/shop.git", "main"));
        project(3, new Fact.ProjectConfigured("Shop 2", null, "main"));
        project(6, new Fact.ProjectDeleted());
        project(9, new Fact.ProjectConfigured("Shop again", null, null));
        assertEquals(Optional.of(new History.ProjectState("Shop", "https://github.com/acme/shop.git", "main", T0,
                T0)), History.project(entriesUpTo(1)));
        assertEquals("Shop 2", History.project(entriesUpTo(3)).orElseThrow().name());
        assertEquals(Optional.empty(), History.project(entriesUpTo(6)));
        assertEquals(new History.ProjectState("Shop again", null, null, T0, T0.plusSeconds(9)),
                History.project(entriesUpTo(9)).orElseThrow());
        assertEquals(Optional.empty(), History.project(List.of()), "before it was made");
    }

    private void fact(int second, String environment, Fact fact) {
        journal.add(new History.Entry(environment, T0.plusSeconds(second), fact));
    }

    private void project(int second, Fact fact) {
        journal.add(new History.Entry(null, T0.plusSeconds(second), fact));
    }

    private Map<String, EnvironmentState> at(int second) {
        return History.environments("shop", entriesUpTo(second));
    }

    /** The journal's entries up to an instant, in the order they happened (as the journal answers them). */
    private List<History.Entry> entriesUpTo(int second) {
        return journal.stream().filter(e -> !e.at().isAfter(T0.plusSeconds(second)))
                .sorted(java.util.Comparator.comparing(History.Entry::at)).toList();
    }
}
