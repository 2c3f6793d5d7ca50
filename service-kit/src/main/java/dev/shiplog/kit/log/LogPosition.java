package dev.shiplog.kit.log;

import dev.shiplog.schema.Topics;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an event is on the log: its topic, partition and offset. A write answers with it (header
 * {@value #HEADER}), and a read that names it ({@code ?seen=}) waits, a bounded time, until the projection it reads
 * has applied it: read your writes, over the log.
 */
public record LogPosition(String topic, int partition, long offset) {

    public static final String HEADER = "Shiplog-Log-Position";
    private static final Pattern FORM = Pattern.compile("([a-z0-9.-]{1,100})/([0-9]{1,5})/([0-9]{1,18})");

    /** {@code topic/partition/offset} of one of the platform's topics, or empty if it is not one. */
    public static Optional<LogPosition> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches() || Topics.ALL.stream().noneMatch(t -> t.name().equals(m.group(1)))) {
            return Optional.empty();
        }
        return Optional.of(new LogPosition(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))));
    }

    /** The positions of a header that names several (a write of events on several partitions), comma-separated. */
    public static java.util.List<LogPosition> parseAll(String text) {
        if (text == null || text.length() > 10_000) {
            return java.util.List.of();
        }
        java.util.List<LogPosition> out = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            parse(part.trim()).ifPresent(out::add);
        }
        return out;
    }

    /** Several positions as one header value. */
    public static String join(java.util.Collection<LogPosition> positions) {
        return String.join(",", positions.stream().map(LogPosition::toString).toList());
    }

    /** The rule a {@code seen} value breaks, or null. */
    public static String rule(String text) {
        return parse(text).isPresent() ? null : "must be a log position topic/partition/offset, as a write answered it";
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
