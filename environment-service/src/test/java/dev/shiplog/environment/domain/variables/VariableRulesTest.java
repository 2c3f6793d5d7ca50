package dev.shiplog.environment.domain.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.environment.domain.Refusal;
import dev.shiplog.environment.domain.Variable;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.environment.VariableChange;
import dev.shiplog.schema.rules.EventRules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a variable may be called and hold, how many an environment has, and what each change does. */
class VariableRulesTest {

    static final SealedSecret SEALED = SealedSecret.newBuilder().setName("API_KEY").setKeyId("k2")
            .setCiphertext("c2VhbGVk").build();

    @Test
    void aVariableWithAGoodNameAndValueMayBeSet() {
        assertNull(VariableRules.setting("API_URL", "https://api.example"));
        assertNull(VariableRules.setting("_x9", "line one\n\tline two"));
        assertNull(VariableRules.setting("EMPTY", ""));
    }

    @Test
    void aBadNameIsRefused() {
        assertEquals(List.of(new Violation("name", "name must match [A-Za-z_][A-Za-z0-9_]{0,127}")),
                violations(VariableRules.setting("-bad", "x")));
        assertEquals(List.of(new Violation("name", "name must match [A-Za-z_][A-Za-z0-9_]{0,127}")),
                violations(VariableRules.removal("1ST")));
        assertNull(VariableRules.removal("FIRST"));
    }

    @Test
    void aValueIsRequiredWithoutNulOrControlCharactersAndAtMost4096Characters() {
        assertEquals(List.of(new Violation("value", "is required")), violations(VariableRules.setting("OK", null)));
        assertEquals(List.of(new Violation("value", "must not contain NUL")),
                violations(VariableRules.setting("OK", "a\u0000b")));
        assertEquals(List.of(new Violation("value", "must not contain NUL or control characters other than tab and"
                + " newline")), violations(VariableRules.setting("OK", "bell\u0007")));
        assertEquals(List.of(new Violation("value", "must be at most 4096 characters")),
                violations(VariableRules.setting("OK", "v".repeat(4097))));
        assertNull(VariableRules.setting("OK", "v".repeat(4096)));
    }

    @Test
    void aBadNameAndABadValueAreBothNamed() {
        assertEquals(List.of("name", "value"), violations(VariableRules.setting("-bad", null)).stream()
                .map(Violation::field).toList());
    }

    @Test
    void anEnvironmentHasAtMostAHundredVariables() {
        assertNull(VariableRules.room(99), "the hundredth");
        assertEquals(new Refusal.Unprocessable("name", "an environment has at most 100 variables"),
                VariableRules.room(100));
    }

    @Test
    void aSecretNeedsAKeyToBeSealedWith() {
        assertEquals(new Refusal.Unprocessable("secret", "this platform has no secret key configured"
                + " (shiplog-secrets.keys): secrets cannot be kept"), VariableRules.sealable(true, false));
        assertNull(VariableRules.sealable(true, true));
        assertNull(VariableRules.sealable(false, false), "a plain variable needs no key");
    }

    @Test
    void aSecretGoesOnTheLogOnlySealed() {
        VariableChange change = VariableRules.secret("API_KEY", SEALED);
        assertNull(change.getValue());
        assertEquals(SEALED, change.getSealed());
        assertEquals(new Variable("API_KEY", true, null, "k2"), VariableRules.shown(change),
                "shown without its value, with the key that sealed it");
    }

    @Test
    void aPlainVariableIsShownWithItsValue() {
        VariableChange change = VariableRules.plain("MODE", "beta");
        assertNull(change.getSealed());
        assertEquals(new Variable("MODE", false, "beta", null), VariableRules.shown(change));
    }

    @Test
    void aRemovalLeavesNothingToShow() {
        VariableChange change = VariableRules.removed("MODE");
        assertEquals(true, change.getRemoved());
        assertNull(VariableRules.shown(change));
    }

    private static List<Violation> violations(Refusal refusal) {
        return ((Refusal.Invalid) refusal).violations();
    }
}
