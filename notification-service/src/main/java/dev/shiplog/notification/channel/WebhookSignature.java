package dev.shiplog.notification.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery: {@code Shiplog-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">},
 * one {@code v1=} per secret that signs (during a rotation, the new one and the one it replaced), comma-separated.
 * {@code Shiplog-Timestamp} is the Unix time in seconds of the attempt: a receiver checks that one of the
 * signatures matches its secret (in constant time) and that the timestamp is recent (five minutes, say), which
 * makes a replayed request useless.
 */
public final class WebhookSignature {

    public static final String SIGNATURE = "Shiplog-Signature";
    public static final String TIMESTAMP = "Shiplog-Timestamp";
    public static final String DELIVERY = "Shiplog-Delivery";
    public static final String ATTEMPT = "Shiplog-Attempt";
    public static final String EVENT = "Shiplog-Event";

    /** The header value for {@code body} sent at {@code timestamp}, signed with each of {@code secrets}. */
    public static String header(List<String> secrets, long timestamp, byte[] body) {
        return secrets.stream().map(s -> "v1=" + HexFormat.of().formatHex(hmac(s, timestamp, body)))
                .collect(Collectors.joining(","));
    }

    static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private WebhookSignature() {
    }
}
