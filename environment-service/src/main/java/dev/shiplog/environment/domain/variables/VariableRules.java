package dev.shiplog.environment.domain.variables;

import dev.shiplog.environment.domain.Refusal;
import dev.shiplog.environment.domain.Variable;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.environment.VariableChange;
import dev.shiplog.schema.rules.EventRules.Violation;
import dev.shiplog.schema.rules.FieldRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of an environment's variables and secrets: what a name and a value may be, how many an environment may
 * have, that a secret needs a key to be sealed with, and what a change does (a value set, a secret kept sealed, a
 * variable removed).
 */
public final class VariableRules {

    /** Why a variable cannot be set to {@code value} (its name, its value), or null. */
    public static Refusal setting(String name, String value) {
        List<Violation> out = new ArrayList<>();
        if (FieldRules.variableName(name) != null) {
            out.add(new Violation("name", FieldRules.variableName(name)));
        }
        if (value == null) {
            out.add(new Violation("value", "is required"));
        } else if (value.indexOf('\0') >= 0) {
            out.add(new Violation("value", "must not contain NUL"));
        } else if (FieldRules.text(value, FieldRules.VARIABLE_VALUE) != null) {
            out.add(new Violation("value", FieldRules.text(value, FieldRules.VARIABLE_VALUE)));
        }
        return Refusal.ifAny(out);
    }

    /**
     * Why a variable cannot be added to an environment that has {@code others} variables besides it, or null: an
     * environment has at most {@value FieldRules#VARIABLES}.
     */
    public static Refusal room(long others) {
        return others >= FieldRules.VARIABLES ? new Refusal.Unprocessable("name", "an environment has at most "
                + FieldRules.VARIABLES + " variables") : null;
    }

    /** Why a secret cannot be kept, or null: the platform must have a key to seal it with. */
    public static Refusal sealable(boolean secret, boolean keyAvailable) {
        return secret && !keyAvailable ? new Refusal.Unprocessable("secret", "this platform has no secret key"
                + " configured (shiplog-secrets.keys): secrets cannot be kept") : null;
    }

    /** Why a variable cannot be removed by that name, or null. */
    public static Refusal removal(String name) {
        return FieldRules.variableName(name) == null ? null
                : new Refusal.Invalid(List.of(new Violation("name", FieldRules.variableName(name))));
    }

    /** The change that sets a plain variable. */
    public static VariableChange plain(String name, String value) {
        return VariableChange.newBuilder().setName(name).setSecret(false).setRemoved(false).setValue(value)
                .setSealed(null).build();
    }

    /** The change that sets a secret: only its sealed value goes on the log, never the value in clear. */
    public static VariableChange secret(String name, SealedSecret sealed) {
        return VariableChange.newBuilder().setName(name).setSecret(true).setRemoved(false).setValue(null)
                .setSealed(sealed).build();
    }

    /** The change that removes a variable. */
    public static VariableChange removed(String name) {
        return VariableChange.newBuilder().setName(name).setSecret(false).setRemoved(true).build();
    }

    /**
     * A variable as a change leaves it, as the APIs show it (a secret without its value, with the key that sealed
     * it); null when the change removes it.
     */
    public static Variable shown(VariableChange change) {
        if (change.getRemoved()) {
            return null;
        }
        boolean secret = change.getSecret();
        return new Variable(change.getName(), secret, secret ? null : change.getValue(),
                secret && change.getSealed() != null ? change.getSealed().getKeyId() : null);
    }

    private VariableRules() {
    }
}
