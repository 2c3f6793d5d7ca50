package dev.shiplog.pipeline.domain;

/**
 * What a deployment that builds nothing activates: an earlier release of its environment ({@code ROLLBACK},
 * {@code from} the target, {@code replaced} the deployment it was asked about) or another environment's artifact
 * ({@code PROMOTION}, {@code from} the source deployment).
 */
public record Restore(Kind kind, String from, String replaced, String reason, boolean automatic) {
    /** Back to an earlier release, or the same artifact into another environment. */
    public enum Kind {
        ROLLBACK, PROMOTION
    }

    public static Restore rollback(String target, String replaced, String reason, boolean automatic) {
        return new Restore(Kind.ROLLBACK, target, replaced, reason, automatic);
    }

    public static Restore promotion(String source) {
        return new Restore(Kind.PROMOTION, source, null, null, false);
    }
}
