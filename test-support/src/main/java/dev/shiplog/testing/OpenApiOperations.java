package dev.shiplog.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What each service's {@code OpenApiOperationsTest} checks in its OpenAPI document's {@code paths}, so generated
 * clients get good names: the operations that must be named ({@code owned}: method, path) without an operationId
 * or a description, and the operationIds used twice.
 */
public final class OpenApiOperations {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    /** The findings: every operationId with where it is, those wanting one or a description, those used twice. */
    public record Findings(Map<String, String> ids, List<String> wanting, List<String> twice) {
    }

    public static Findings check(Map<String, Map<String, Object>> paths, BiPredicate<String, String> owned) {
        List<String> wanting = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return; // path-level parameters, summary, ...
            }
            String where = method.toUpperCase(Locale.ROOT) + " " + path;
            Map<?, ?> operation = (Map<?, ?>) value;
            String id = text(operation.get("operationId"));
            if (id != null && ids.putIfAbsent(id, where) != null) {
                twice.add(id + ": " + ids.get(id) + " and " + where);
            }
            if (owned.test(method, path)) {
                if (id == null) {
                    wanting.add(where + ": no operationId");
                }
                if (text(operation.get("description")) == null) {
                    wanting.add(where + ": no description");
                }
            }
        }));
        return new Findings(ids, wanting, twice);
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private OpenApiOperations() {
    }
}
