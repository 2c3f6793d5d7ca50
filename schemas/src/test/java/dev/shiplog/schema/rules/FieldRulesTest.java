package dev.shiplog.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Given a one-line value (a name, a reason), then whether it may be stored as written. */
class FieldRulesTest {

    @Test
    void aNameThatWouldReadAsAnotherIsRefused() {
        for (String name : new String[] { "invoice\u202etxt.exe", "a\u202ab", "a\u2066b\u2069", "a\u200fb",
                "a\u061cb", "\u202d" }) {
            assertEquals(FieldRules.BIDI_RULE, FieldRules.line(name, 200), name);
        }
    }

    @Test
    void textInAnyScriptIsANameAndControlCharactersAreNot() {
        assertNull(FieldRules.line("متجر الإنتاج", 200));
        assertNull(FieldRules.line("Boutique Été", 200));
        assertEquals("must not contain control characters (NUL, newline, ...)", FieldRules.line("a\u0000b", 200));
        assertEquals("must not contain control characters (NUL, newline, ...)", FieldRules.line("a\u0085b", 200));
    }
}
