package dev.shiplog.deployment.domain;

/**
 * Why a rule refuses a command, as a value: what kind of refusal it is (the service layer answers each kind with its
 * problem: 400, 403, 404, 409, 422), the field it is about (null: none) and the rule or reason in words.
 */
public record Refusal(Kind kind, String field, String rule) {

    /** The kinds of refusal, each a status a caller sees. */
    public enum Kind {
        /** The request breaks a rule of its own (400). */
        INVALID,
        /** The caller may not do this (403), for a reason beyond their role. */
        FORBIDDEN,
        /** What the request is about does not exist (404). */
        NOT_FOUND,
        /** The state of things refuses it: already over, pinned, live already (409). */
        CONFLICT,
        /** Well-formed, but it cannot be done as asked (422). */
        UNPROCESSABLE
    }

    public static Refusal invalid(String field, String rule) {
        return new Refusal(Kind.INVALID, field, rule);
    }

    public static Refusal forbidden(String reason) {
        return new Refusal(Kind.FORBIDDEN, null, reason);
    }

    public static Refusal notFound(String reason) {
        return new Refusal(Kind.NOT_FOUND, null, reason);
    }

    public static Refusal conflict(String field, String reason) {
        return new Refusal(Kind.CONFLICT, field, reason);
    }

    public static Refusal unprocessable(String field, String rule) {
        return new Refusal(Kind.UNPROCESSABLE, field, rule);
    }
}
