package dev.shiplog.cli.api;

import java.util.Optional;

/**
 * Server-Sent Events, line by line (the text/event-stream format): {@code data:} lines gather into one event, which
 * a blank line ends; comments ({@code :...}) and the {@code event}, {@code id} and {@code retry} fields are ignored
 * (the gateway's events say their type in their JSON).
 */
public final class SseParser {

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** Takes one line (without its line end); returns an event's data when the line ends one. */
    public Optional<String> accept(String line) {
        if (line.isEmpty()) {
            if (!hasData) {
                return Optional.empty();
            }
            String event = data.toString();
            data.setLength(0);
            hasData = false;
            return Optional.of(event);
        }
        if (line.startsWith("data")) {
            String rest = line.substring(4);
            if (rest.isEmpty() || rest.charAt(0) == ':') {
                String value = rest.isEmpty() ? "" : rest.substring(1);
                if (hasData) {
                    data.append('\n');
                }
                data.append(value.startsWith(" ") ? value.substring(1) : value);
                hasData = true;
            }
        }
        return Optional.empty();
    }
}
