package dev.shiplog.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    static List<String> events(String... lines) {
        SseParser parser = new SseParser();
        List<String> events = new ArrayList<>();
        for (String line : lines) {
            parser.accept(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void eachBlankLineEndsAnEventOfTheDataLinesBeforeIt() {
        assertEquals(List.of("{\"type\":\"status\"}", "{\"type\":\"log\"}"),
                events("data:{\"type\":\"status\"}", "", "data: {\"type\":\"log\"}", ""));
    }

    @Test
    void severalDataLinesAreOneEventJoinedByNewlines() {
        assertEquals(List.of("a\nb"), events("data: a", "data: b", ""));
    }

    @Test
    void commentsOtherFieldsAndBlankLinesWithoutDataAreNoEvent() {
        assertEquals(List.of("x"), events(": keep-alive", "", "event: message", "id: 7", "retry: 100", "", "",
                "data: x", "", "dataset: no", ""));
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsNotGiven() {
        assertEquals(List.of(), events("data: half"));
    }
}
