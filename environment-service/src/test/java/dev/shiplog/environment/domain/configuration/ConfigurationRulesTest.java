package dev.shiplog.environment.domain.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.Refusal;
import dev.shiplog.environment.domain.Settings;
import dev.shiplog.schema.rules.EventRules.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an environment's configuration may hold, and what a configuration left out means. */
class ConfigurationRulesTest {

    static final EnvironmentChange NOTHING = new EnvironmentChange(null, Map.of(), false, false, null);

    @Test
    void aValidConfigurationIsAccepted() {
        EnvironmentChange change = new EnvironmentChange("https://staging.shop.example:8443/app",
                Map.of("scaling.instances", "1", "logLevel", "debug"), false, true, 600);
        assertNull(ConfigurationRules.configuration("shop", "staging", change));
    }

    @Test
    void badNamesAreRefusedNamingEachField() {
        assertEquals(List.of(new Violation("projectId", "must match [a-z0-9][a-z0-9-]{0,62} (lower case letters,"
                + " digits, dashes)"), new Violation("environment", "must match [a-z0-9][a-z0-9-]{0,62} (lower case"
                        + " letters, digits, dashes)")),
                violations(ConfigurationRules.names("Bad_Project", "-staging")));
        assertEquals(List.of(new Violation("projectId", "is required"), new Violation("environment", "is required")),
                violations(ConfigurationRules.names(null, " ")));
    }

    @Test
    void anEnvironmentCannotBeCalledLikeAPathOfTheApi() {
        assertEquals(List.of(new Violation("environment", "must not be compare (a word of the API's paths)")),
                violations(ConfigurationRules.names("shop", "compare")));
        assertNull(ConfigurationRules.project("compare"), "a project may be called compare");
    }

    @Test
    void theUrlMustBeAnAbsoluteHttpOrHttpsUrl() {
        for (String bad : new String[] { "ftp://files.shop.example", "/relative/path", "https://", "http:no-host",
                "https://exa mple.com" }) {
            assertEquals(List.of(new Violation("url", "must be an absolute http or https URL")),
                    violations(ConfigurationRules.configuration("shop", "staging", withUrl(bad))), bad);
        }
        assertEquals(List.of(new Violation("url", "must be at most 2000 characters")), violations(ConfigurationRules
                .configuration("shop", "staging", withUrl("https://x.example/" + "a".repeat(2000)))));
        assertEquals(List.of(new Violation("url", "must not contain control characters (NUL, newline, ...)")),
                violations(ConfigurationRules.configuration("shop", "staging", withUrl("https://x.example/\n"))));
        assertNull(ConfigurationRules.configuration("shop", "staging", withUrl("HTTP://X.EXAMPLE")));
    }

    @Test
    void settingsFollowTheCatalogsSchemaNamingTheSetting() {
        EnvironmentChange change = new EnvironmentChange(null, Map.of("scaling.instances", "0", "logLevel", "loud",
                "colour", "blue"), false, false, null);
        List<Violation> violations = violations(ConfigurationRules.configuration("shop", "staging", change));
        assertEquals(List.of("settings.colour", "settings.logLevel", "settings.scaling.instances"),
                violations.stream().map(Violation::field).sorted().toList());
        assertEquals("must be between 1 and 100", violations.stream()
                .filter(v -> v.field().equals("settings.scaling.instances")).findFirst().orElseThrow().rule());
    }

    @Test
    void theBakePeriodIsBetweenZeroAndADay() {
        assertEquals(List.of(new Violation("bakeSeconds", "must be between 0 and 86400")),
                violations(ConfigurationRules.configuration("shop", "staging", withBake(-1))));
        assertEquals(List.of(new Violation("bakeSeconds", "must be between 0 and 86400")),
                violations(ConfigurationRules.configuration("shop", "staging", withBake(86_401))));
        assertNull(ConfigurationRules.configuration("shop", "staging", withBake(0)));
    }

    @Test
    void everyBrokenRuleIsNamedAtOnce() {
        EnvironmentChange change = new EnvironmentChange("ftp://x", Map.of("logLevel", "loud"), false, false, -5);
        assertEquals(List.of("projectId", "url", "settings.logLevel", "bakeSeconds"),
                violations(ConfigurationRules.configuration("Bad", "staging", change)).stream()
                        .map(Violation::field).toList());
    }

    @Test
    void whatARequestLeavesOutIsResetAndOnlyProductionIsProtectedByDefault() {
        EnvironmentChange production = ConfigurationRules.asked("production", null, null, null, null, null);
        assertEquals(new EnvironmentChange(null, Map.of(), true, false, null), production);
        EnvironmentChange staging = ConfigurationRules.asked("staging", null, null, null, null, null);
        assertEquals(new EnvironmentChange(null, Map.of(), false, false, null), staging);
        assertFalse(ConfigurationRules.asked("production", null, null, false, null, null).isProtected(),
                "production unprotected when said so");
        assertTrue(ConfigurationRules.asked("staging", null, null, true, true, 30).approvalRequired());
    }

    @Test
    void typedSettingsOfARequestGoOnTheLogFlat() {
        EnvironmentChange change = ConfigurationRules.asked("staging", "https://s.example",
                new Settings(new Settings.Scaling(null, 2, 5), "info", true, "s.example"), false, false, null);
        assertEquals(Map.of("scaling.min", "2", "scaling.max", "5", "logLevel", "info", "caching", "enabled",
                "domain", "s.example"), change.settings());
    }

    @Test
    void theFirstEnvironmentsGetPrdSection9Defaults() {
        EnvironmentChange staging = ConfigurationRules.defaults("shop", "staging");
        assertEquals(Map.of("scaling.instances", "1", "logLevel", "debug", "caching", "disabled", "domain",
                "staging.shop.example.com"), staging.settings());
        assertFalse(staging.isProtected());
        EnvironmentChange production = ConfigurationRules.defaults("shop", "production");
        assertEquals(Map.of("scaling.min", "2", "scaling.max", "10", "logLevel", "info", "caching", "enabled",
                "domain", "shop.example.com"), production.settings());
        assertTrue(production.isProtected());
        assertNull(production.url());
        assertNull(ConfigurationRules.configuration("shop", "production", production), "the defaults are valid");
    }

    static List<Violation> violations(Refusal refusal) {
        return ((Refusal.Invalid) refusal).violations();
    }

    private static EnvironmentChange withUrl(String url) {
        return new EnvironmentChange(url, Map.of(), false, false, null);
    }

    private static EnvironmentChange withBake(int seconds) {
        return new EnvironmentChange(null, Map.of(), false, false, seconds);
    }
}
