package dev.shiplog.deployment.domain;

import java.util.ArrayList;
import java.util.List;

/** The broken rules of a command's fields, gathered field by field (a rule null: the field keeps it). */
public final class Violations {

    private final List<Violation> broken = new ArrayList<>();

    public static Violations check(String field, String rule) {
        return new Violations().and(field, rule);
    }

    public Violations and(String field, String rule) {
        if (rule != null) {
            broken.add(new Violation(field, rule));
        }
        return this;
    }

    public List<Violation> list() {
        return List.copyOf(broken);
    }
}
