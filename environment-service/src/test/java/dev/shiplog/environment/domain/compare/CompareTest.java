package dev.shiplog.environment.domain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.environment.domain.Comparison;
import dev.shiplog.environment.domain.compare.Compare.Held;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two environments compared: given each side, then what differs, what is live on each, the commits between. */
class CompareTest {

    static final List<Comparison.Commit> HISTORY = List.of(new Comparison.Commit("c3", "third"),
            new Comparison.Commit("c2", "second"), new Comparison.Commit("c1", "first"));

    @Test
    void onlyTheSettingsThatDifferAreListedByName() {
        Comparison c = Compare.between(
                side("production", Map.of("logLevel", "info", "caching", "enabled", "domain", "shop.example")),
                side("staging", Map.of("logLevel", "debug", "caching", "enabled", "scaling.instances", "1")));
        assertEquals(List.of(new Comparison.SettingDifference("domain", "shop.example", null),
                new Comparison.SettingDifference("logLevel", "info", "debug"),
                new Comparison.SettingDifference("scaling.instances", null, "1")), c.settings());
    }

    @Test
    void plainVariablesThatDifferAreShownWithTheirValuesAndEqualOnesAreNot() {
        Comparison c = Compare.between(
                withVariables("production", Map.of("SAME", Held.plain("1"), "MODE", Held.plain("stable"))),
                withVariables("staging", Map.of("SAME", Held.plain("1"), "MODE", Held.plain("beta"),
                        "ONLY_STAGING", Held.plain("x"))));
        assertEquals(List.of(new Comparison.VariableDifference("MODE", false, "stable", "beta", false, false),
                new Comparison.VariableDifference("ONLY_STAGING", false, null, "x", false, true)), c.variables());
    }

    @Test
    void aSecretIsComparedByWhatItHoldsButOnlyShownAsDiffering() {
        Comparison c = Compare.between(
                withVariables("production", Map.of("TOKEN_SAME", Held.secret("s3cr3t"),
                        "TOKEN", Held.secret("s3cr3t-two"), "ONLY_HERE", Held.secret("s3cr3t-hidden"))),
                withVariables("staging", Map.of("TOKEN_SAME", Held.secret("s3cr3t"),
                        "TOKEN", Held.secret("s3cr3t-one"))));
        assertEquals(List.of(new Comparison.VariableDifference("ONLY_HERE", true, null, null, true, false),
                new Comparison.VariableDifference("TOKEN", true, null, null, false, false)), c.variables());
        assertFalse(c.toString().contains("s3cr3t"), "no secret's value in the answer: " + c);
    }

    @Test
    void aSecretThatCannotBeOpenedCannotBeToldEqual() {
        Comparison c = Compare.between(withVariables("production", Map.of("OLD", Held.unopenable())),
                withVariables("staging", Map.of("OLD", Held.unopenable())));
        assertEquals(List.of(new Comparison.VariableDifference("OLD", true, null, null, false, false)),
                c.variables());
    }

    @Test
    void aSecretAndAPlainVariableOfTheSameNameDifferAndNeitherValueIsShown() {
        Comparison c = Compare.between(withVariables("production", Map.of("KEY", Held.secret("v"))),
                withVariables("staging", Map.of("KEY", Held.plain("v"))));
        assertEquals(List.of(new Comparison.VariableDifference("KEY", true, null, null, false, false)),
                c.variables());
    }

    @Test
    void whatIsLiveOnEachSideIsShown() {
        Comparison c = Compare.between(live("production", "d1", "1.0.0", "c1", HISTORY.subList(2, 3)),
                live("staging", "d2", "1.2.0", "c3", HISTORY));
        assertEquals(new Comparison.Side("production", "d1", "1.0.0", "art-d1", "c1"), c.from());
        assertEquals(new Comparison.Side("staging", "d2", "1.2.0", "art-d2", "c3"), c.to());
    }

    @Test
    void theCommitsTheTargetIsAheadByAreListedNewestFirst() {
        Comparison c = Compare.between(live("production", "d1", "1.0.0", "c1", HISTORY.subList(2, 3)),
                live("staging", "d2", "1.2.0", "c3", HISTORY));
        assertEquals(HISTORY.subList(0, 2), c.commits());
        assertEquals("staging is 2 commit(s) ahead of production", c.commitsNote());
    }

    @Test
    void whenTheSourceIsAheadItsCommitsAreListed() {
        Comparison c = Compare.between(live("staging", "d2", "1.2.0", "c3", HISTORY),
                live("production", "d1", "1.0.0", "c1", HISTORY.subList(2, 3)));
        assertEquals(HISTORY.subList(0, 2), c.commits());
        assertEquals("staging is 2 commit(s) ahead of production", c.commitsNote());
    }

    @Test
    void theSameCommitOnBothHasNoCommitsBetween() {
        Comparison c = Compare.between(live("a", "d1", "1", "c3", HISTORY), live("b", "d2", "1", "c3", HISTORY));
        assertEquals(List.of(), c.commits());
        assertEquals("the same commit is live on both", c.commitsNote());
    }

    @Test
    void linesWithoutCommonHistoryAreSaidToBeDifferent() {
        Comparison c = Compare.between(live("a", "d1", "1", "x2", List.of(new Comparison.Commit("x2", "x"))),
                live("b", "d2", "2", "c3", HISTORY));
        assertNull(c.commits());
        assertEquals("no common history in the last commits of either: they are on different lines",
                c.commitsNote());
    }

    @Test
    void withoutALiveReleaseBuiltFromGitOnBothThereAreNoCommits() {
        Comparison c = Compare.between(side("production", Map.of()), live("staging", "d2", "1.2.0", "c3", HISTORY));
        assertNull(c.commits());
        assertEquals("both environments must have a live release built from git", c.commitsNote());
        assertEquals(new Comparison.Side("production", null, null, null, null), c.from());
    }

    @Test
    void theCommitsBeforeOneAreThoseUntilItIsReachedOrNoneIfItNeverIs() {
        assertEquals(HISTORY.subList(0, 1), Compare.before(HISTORY, "c2"));
        assertEquals(List.of(), Compare.before(HISTORY, "c3"));
        assertNull(Compare.before(HISTORY, "c0"));
    }

    private static Compare.Side side(String environment, Map<String, String> settings) {
        return new Compare.Side(environment, settings, Map.of(), null, null, null, null, null);
    }

    private static Compare.Side withVariables(String environment, Map<String, Held> variables) {
        return new Compare.Side(environment, Map.of(), variables, null, null, null, null, null);
    }

    private static Compare.Side live(String environment, String deploymentId, String version, String commit,
            List<Comparison.Commit> history) {
        return new Compare.Side(environment, Map.of(), Map.of(), deploymentId, version, "art-" + deploymentId,
                commit, history);
    }
}
