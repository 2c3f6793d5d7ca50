package dev.shiplog.kit.rest;

/**
 * The request is well-formed but cannot be done as asked (an idempotency key already used for another request):
 * answered 422 application/problem+json naming the field and the rule.
 */
public class UnprocessableException extends RuntimeException {

    private final String field;
    private final String rule;

    public UnprocessableException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
