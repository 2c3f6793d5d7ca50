package dev.shiplog.pipeline.service.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The masking of secrets in build output, on its own. */
class SecretMaskTest {

    static final String SECRET = "hunter2-xyz";

    @Test
    void aSecretAndItsBase64FormsAreMasked() {
        SecretMask mask = new SecretMask(List.of(SECRET));
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        byte[] line = (SECRET + "\n").getBytes(StandardCharsets.UTF_8);
        for (String form : List.of(SECRET, Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes), Base64.getUrlEncoder().encodeToString(bytes),
                Base64.getEncoder().encodeToString(line))) {
            assertEquals("a *** b", mask.apply("a " + form + " b"), form);
        }
        assertEquals("no secret here", mask.apply("no secret here"));
    }

    @Test
    void aSecretSplitAcrossPiecesIsMaskedAndNothingElseIsHeldBackForever() {
        SecretMask mask = new SecretMask(List.of(SECRET));
        StringBuilder out = new StringBuilder();
        out.append(mask.feed("token=hun"));
        out.append(mask.feed("ter2"));
        out.append(mask.feed("-xyz done\n"));
        out.append(mask.drain());
        assertEquals("token=*** done\n", out.toString());
        // a beginning that never becomes the secret comes out when the stream ends
        assertEquals("", mask.feed("hunt"));
        assertEquals("hunt", mask.drain());
        // one character at a time
        StringBuilder slow = new StringBuilder();
        for (char c : ("x" + SECRET + "y").toCharArray()) {
            slow.append(mask.feed(String.valueOf(c)));
        }
        slow.append(mask.drain());
        assertEquals("x***y", slow.toString());
    }

    @Test
    void shortValuesAreNotMaskedAndNoSecretsMeansNoChange() {
        assertEquals("abc", new SecretMask(List.of("abc")).apply("abc"));
        SecretMask none = new SecretMask(List.of());
        assertFalse(none.active());
        assertEquals("hun", none.feed("hun"));
    }
}
