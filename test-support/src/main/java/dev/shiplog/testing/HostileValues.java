package dev.shiplog.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Values a hostile user sends, drawn from a seeded random source (print the seed: the same seed draws the same
 * values). Strings with NUL and other control characters, lone surrogates, lengths past every column, past the
 * URI limit and past a record's limit, values that start with {@code -}, paths with {@code ..}, numbers out of
 * range and of the wrong type, JSON that is not what the schema says, or not JSON at all.
 */
public final class HostileValues {

    static final List<String> STRINGS = List.of("", " ", "\u0000", "a\u0000b", "\u0001\u0002", "line\nbreak",
            "\r\n", "\u007f", "\u0085", "\uD800", "\uDFFF\uD800", "💥", "-", "-rf", "--upload-pack=touch /tmp/x",
            "-1", "..", "../../etc/passwd", "..%2f..%2fetc", "%2e%2e", "/", "//evil.example", "\\..\\..",
            "C:\\windows", "%00", "%zz", "%", "'; drop table deployment; --", "${jndi:ldap://127.0.0.1/x}",
            "%s%n%x", "<script>alert(1)</script>", "null", "true", "0", "2147483648", "-2147483649",
            "9223372036854775808", "1e309", "NaN", "ext::sh -c id", "file:///etc/shadow", "http://127.0.0.1:8081/",
            "Shop", "a b", "shop/staging", "?a=b", "#frag", "\"", "}", "{}", "[]");

    private final Random random;

    public HostileValues(long seed) {
        this.random = new Random(seed);
    }

    /** A hostile string: from the list, or long (past a column, the URI limit, or a record). */
    public String string() {
        int pick = random.nextInt(STRINGS.size() + 6);
        if (pick < STRINGS.size()) {
            return STRINGS.get(pick);
        }
        int length = switch (pick - STRINGS.size()) {
            case 0 -> 65;
            case 1 -> 201;
            case 2 -> 2001;
            case 3 -> 10_001;
            case 4 -> 70_000;
            default -> 1 + random.nextInt(300);
        };
        StringBuilder out = new StringBuilder(length);
        String alphabet = random.nextBoolean() ? "a" : "aZ9-._~\u0000\u00e9";
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A JSON value of any type, hostile when it is a string or a number. */
    public Object json(int depth) {
        return switch (random.nextInt(depth > 3 ? 5 : 8)) {
            case 0 -> string();
            case 1 -> List.of(-1L, 0L, Long.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MIN_VALUE).get(random.nextInt(5));
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4 -> random.nextDouble() * 1e300;
            case 5 -> java.util.Arrays.asList(json(depth + 1), json(depth + 1));
            case 6 -> java.util.Collections.singletonMap("k" + random.nextInt(9), json(depth + 1));
            default -> deeplyNested();
        };
    }

    /** A JSON object with the schema's {@code properties} given hostile values (some left out, one unknown). */
    public String object(List<String> properties, Map<String, List<String>> nested) {
        StringBuilder out = new StringBuilder("{");
        List<String> fields = new ArrayList<>(properties);
        if (random.nextInt(4) == 0) {
            fields.add("unknownField");
        }
        boolean first = true;
        for (String field : fields) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            out.append(first ? "" : ", ").append(quote(field)).append(": ");
            first = false;
            List<String> inner = nested.get(field);
            if (inner != null && random.nextBoolean()) {
                out.append(object(inner, Map.of()));
            } else {
                out.append(encode(json(0)));
            }
        }
        return out.append("}").toString();
    }

    /** A request body that is not what any schema says: not JSON, truncated, huge, or a bare value. */
    public String malformedBody() {
        return switch (random.nextInt(7)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "{\"a\": 1, \"a\": 2}";
            case 3 -> "[" + encode(json(0)) + "]";
            case 4 -> encode(json(0));
            case 5 -> "{\"x\": \"" + "y".repeat(1_100_000) + "\"}";
            default -> "\u0000\u0001garbage";
        };
    }

    public boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private Object deeplyNested() {
        Object value = "bottom";
        for (int i = 0; i < 2000; i++) {
            value = List.of(value);
        }
        return value;
    }

    /** {@code value} as JSON text. */
    public static String encode(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",").append(encode(list.get(i)));
            }
            return out.append("]").toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (var e : map.entrySet()) {
                out.append(first ? "" : ",").append(quote(String.valueOf(e.getKey()))).append(":")
                        .append(encode(e.getValue()));
                first = false;
            }
            return out.append("}").toString();
        }
        return String.valueOf(value);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append("\"").toString();
    }
}
