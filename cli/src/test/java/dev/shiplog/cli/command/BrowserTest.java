package dev.shiplog.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrowserTest {

    static final String URL = "http://127.0.0.1:8080/sites/shop/staging/";

    @Test
    void aServerOrACiMachineHasNoBrowserSoTheUrlIsOnlyPrinted() {
        assertEquals(Optional.empty(), Browser.command(URL, Map.of(), "Linux", p -> true));
    }

    @Test
    void theUsersBrowserComesFirstThenOpenOnMacThenXdgOpenWithADisplay() {
        assertEquals(Optional.of(List.of("firefox", URL)), Browser.command(URL, Map.of("BROWSER", "firefox:lynx"),
                "Linux", p -> true));
        assertEquals(Optional.of(List.of("open", URL)), Browser.command(URL, Map.of(), "Mac OS X", p -> true));
        assertEquals(Optional.of(List.of("xdg-open", URL)), Browser.command(URL, Map.of("DISPLAY", ":0"), "Linux",
                p -> p.equals("xdg-open")));
        assertEquals(Optional.empty(), Browser.command(URL, Map.of("DISPLAY", ":0"), "Linux", p -> false));
    }
}
