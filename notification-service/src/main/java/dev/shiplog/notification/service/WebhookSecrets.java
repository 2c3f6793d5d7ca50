package dev.shiplog.notification.service;

import dev.shiplog.kit.rest.ServiceUnavailableException;
import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.schema.common.SealedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Webhook secrets sealed with the platform's keys (AES-256-GCM, service-kit {@link SecretBox}) before they are
 * written, each bound to its subscription's name; opened only to sign an attempt.
 */
@ApplicationScoped
public class WebhookSecrets {

    private final SecretBox box;

    public WebhookSecrets(SecretBox box) {
        this.box = box;
    }

    /** The name a subscription's secret is sealed under (bound to its ciphertext). */
    public static String secretName(String subscriptionId) {
        return "subscription:" + subscriptionId;
    }

    /** {@code secret} sealed for subscription {@code id}; null for none; 503 when no sealing key is configured. */
    public SealedSecret seal(String id, String secret) {
        if (secret == null) {
            return null;
        }
        if (!box.available()) {
            throw new ServiceUnavailableException("No sealing key is configured (shiplog-secrets.keys): a webhook"
                    + " secret cannot be stored", null);
        }
        return box.seal(secretName(id), secret);
    }

    /** The secrets, opened, in order. */
    public List<String> open(List<SealedSecret> sealed) {
        return sealed.stream().map(box::open).toList();
    }
}
