package dev.shiplog.deployment.domain;

import java.util.Objects;
import java.util.function.Function;

/** What a rule answers: a value (what to do), or the refusal that stops it. */
public record Verdict<T>(T value, Refusal refusal) {

    public Verdict {
        if ((value == null) == (refusal == null)) {
            throw new IllegalArgumentException("a verdict is a value or a refusal");
        }
    }

    public static <T> Verdict<T> of(T value) {
        return new Verdict<>(Objects.requireNonNull(value), null);
    }

    public static <T> Verdict<T> refused(Refusal refusal) {
        return new Verdict<>(null, Objects.requireNonNull(refusal));
    }

    public boolean refused() {
        return refusal != null;
    }

    /** The value mapped, or the same refusal. */
    public <U> Verdict<U> map(Function<T, U> next) {
        return refused() ? refused(refusal) : of(next.apply(value));
    }

    /** The next rule's verdict on the value, or the same refusal. */
    public <U> Verdict<U> then(Function<T, Verdict<U>> next) {
        return refused() ? refused(refusal) : next.apply(value);
    }
}
