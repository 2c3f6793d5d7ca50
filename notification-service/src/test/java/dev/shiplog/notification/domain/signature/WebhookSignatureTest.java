package dev.shiplog.notification.domain.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * What a webhook's signature covers and with which secrets, checked as a receiver would: the README's recipe,
 * hex(HMAC-SHA256(secret, timestamp + "." + body)), computed here with the JDK.
 */
class WebhookSignatureTest {

    static final Hmac JDK = WebhookSignatureTest::hmacSha256;
    static final byte[] BODY = "{\"version\":1,\"deliveryId\":\"d-1\",\"notification\":{\"title\":\"é\"}}"
            .getBytes(StandardCharsets.UTF_8);

    static byte[] hmacSha256(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The README's recipe, as a receiver implements it. */
    static String receiverComputes(String secret, long timestamp, byte[] body) {
        byte[] content = (timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return "v1=" + HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), content));
    }

    @Test
    void theTimestampADotAndTheBodyAsSentAreSigned() {
        assertArrayEquals("1764590000.{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                WebhookSignature.signedContent(1764590000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReceiverWithTheSecretComputesTheSameSignature() {
        String header = WebhookSignature.header(List.of("first-secret-0123456789"), 1764590000L, BODY, JDK);
        assertEquals(receiverComputes("first-secret-0123456789", 1764590000L, BODY), header);
    }

    @Test
    void duringARotationBothSecretsSignTheNewOneFirst() {
        String header = WebhookSignature.header(List.of("new-secret-0123456789", "old-secret-0123456789"), 1764590000L,
                BODY, JDK);
        assertEquals(receiverComputes("new-secret-0123456789", 1764590000L, BODY) + ","
                + receiverComputes("old-secret-0123456789", 1764590000L, BODY), header);
    }

    @Test
    void anotherTimestampOrBodyGivesAnotherSignature() {
        String once = WebhookSignature.header(List.of("s-0123456789abcdef"), 1764590000L, BODY, JDK);
        assertNotEquals(once, WebhookSignature.header(List.of("s-0123456789abcdef"), 1764590001L, BODY, JDK));
        assertNotEquals(once, WebhookSignature.header(List.of("s-0123456789abcdef"), 1764590000L,
                "{}".getBytes(StandardCharsets.UTF_8), JDK));
    }
}
