package dev.shiplog.notification.domain.signature;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The signature of a webhook delivery: {@code Shiplog-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">},
 * one {@code v1=} per secret that signs (during a rotation, the new one first, then the one it replaced),
 * comma-separated. {@code Shiplog-Timestamp} is the Unix time in seconds of the attempt: a receiver checks that one of
 * the signatures matches its secret (in constant time) and that the timestamp is recent (five minutes, say), which
 * makes a replayed request useless.
 */
public final class WebhookSignature {

    public static final String SIGNATURE = "Shiplog-Signature";
    public static final String TIMESTAMP = "Shiplog-Timestamp";
    public static final String DELIVERY = "Shiplog-Delivery";
    public static final String ATTEMPT = "Shiplog-Attempt";
    public static final String EVENT = "Shiplog-Event";
    public static final String VERSION = "v1=";

    /** What is signed: the timestamp, a dot, and the body exactly as sent. */
    public static byte[] signedContent(long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    /** The header value for {@code body} sent at {@code timestamp}, signed with each of {@code secrets} in order. */
    public static String header(List<String> secrets, long timestamp, byte[] body, Hmac hmac) {
        byte[] content = signedContent(timestamp, body);
        return secrets.stream().map(s -> VERSION + HexFormat.of().formatHex(hmac.sign(s.getBytes(
                StandardCharsets.UTF_8), content))).collect(Collectors.joining(","));
    }

    private WebhookSignature() {
    }
}
