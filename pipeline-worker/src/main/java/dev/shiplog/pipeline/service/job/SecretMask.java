package dev.shiplog.pipeline.service.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Masks a deployment's secret values in what its build prints: each value, and its base64 (standard and URL
 * alphabets, padded or not, also of the value followed by a newline, as {@code echo "$S" | base64} prints it),
 * becomes {@value #MASK}. Values shorter than {@value #MIN_LENGTH} characters are not masked (they would mask
 * ordinary text). Output arrives in pieces: {@link #feed} holds back the end of a piece while it could be the start
 * of a secret, so a value split across two pieces is masked too. It is a guard against printing a secret by
 * mistake, not against a build set on leaking one (it can always transform it first).
 */
public final class SecretMask {

    public static final String MASK = "***";
    public static final int MIN_LENGTH = 4;

    private final List<String> patterns;
    private final int longest;
    private final StringBuilder held = new StringBuilder();

    public SecretMask(Collection<String> secrets) {
        TreeSet<String> all = new TreeSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_LENGTH) {
                continue;
            }
            for (String form : List.of(secret, secret + "\n")) {
                byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
                all.add(Base64.getEncoder().encodeToString(bytes));
                all.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
                all.add(Base64.getUrlEncoder().encodeToString(bytes));
                all.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
            all.add(secret);
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // the longest match wins
        this.patterns = List.copyOf(sorted);
        this.longest = sorted.isEmpty() ? 0 : sorted.get(0).length();
    }

    /** Whether there is anything to mask. */
    public boolean active() {
        return !patterns.isEmpty();
    }

    /** {@code text} masked whole (nothing held back). */
    public String apply(String text) {
        StringBuilder out = new StringBuilder(text.length());
        scan(text, out, false);
        return out.toString();
    }

    /**
     * The next piece of a stream: returns what can be passed on, masked; the end that could still become a secret
     * is held back for the next piece (or {@link #drain()}).
     */
    public String feed(String text) {
        if (patterns.isEmpty()) {
            return text;
        }
        held.append(text);
        String all = held.toString();
        held.setLength(0);
        StringBuilder out = new StringBuilder(all.length());
        int stop = scan(all, out, true);
        held.append(all, stop, all.length());
        return out.toString();
    }

    /** What is held back, masked as it is: the stream ended (or paused where it must be passed on). */
    public String drain() {
        String rest = held.toString();
        held.setLength(0);
        return apply(rest);
    }

    /** Copies {@code text} to {@code out} masked; with {@code hold}, stops where the rest could begin a secret. */
    private int scan(String text, StringBuilder out, boolean hold) {
        int i = 0;
        int n = text.length();
        outer:
        while (i < n) {
            for (String p : patterns) {
                if (text.startsWith(p, i)) {
                    out.append(MASK);
                    i += p.length();
                    continue outer;
                }
            }
            if (hold && n - i < longest) {
                for (String p : patterns) {
                    if (p.length() > n - i && p.startsWith(text.substring(i))) {
                        return i; // could be the start of a secret: wait for more
                    }
                }
            }
            out.append(text.charAt(i));
            i++;
        }
        return n;
    }
}
