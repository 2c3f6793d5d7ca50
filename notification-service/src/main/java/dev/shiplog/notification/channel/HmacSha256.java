package dev.shiplog.notification.channel;

import dev.shiplog.notification.domain.signature.Hmac;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The JDK's HMAC-SHA256, for the webhook signatures ({@code domain.signature.WebhookSignature}). */
final class HmacSha256 implements Hmac {

    static final HmacSha256 INSTANCE = new HmacSha256();

    @Override
    public byte[] sign(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private HmacSha256() {
    }
}
