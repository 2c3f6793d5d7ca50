package dev.shiplog.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.repository.SubscriptionEntity;
import dev.shiplog.schema.common.SealedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A subscription's row and what it means: its lists and sealed secrets as JSON, the API's view of it. */
@ApplicationScoped
public class Subscriptions {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public Subscriptions(ObjectMapper json) {
        this.json = json;
    }

    public Subscription toDomain(SubscriptionEntity s) {
        return new Subscription(s.id, s.projectId, s.name, s.channel, s.url, list(s.emailsJson),
                list(s.environmentsJson), list(s.kindsJson), s.paused, s.maxAttempts, s.secretJson != null,
                s.previousSecretUntil, s.createdAt, s.updatedAt);
    }

    List<String> list(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a subscription's list is not JSON", e);
        }
    }

    String text(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String sealed(SealedSecret secret) {
        // fields in a fixed order: a rebuild must write the very same text (Map.of's order changes from run to run)
        return secret == null ? null : text(json.createObjectNode().put("name", secret.getName())
                .put("keyId", secret.getKeyId()).put("ciphertext", secret.getCiphertext()));
    }

    SealedSecret sealed(String text) {
        if (text == null) {
            return null;
        }
        try {
            var node = json.readTree(text);
            return SealedSecret.newBuilder().setName(node.get("name").asText()).setKeyId(node.get("keyId").asText())
                    .setCiphertext(node.get("ciphertext").asText()).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a subscription's sealed secret is not JSON", e);
        }
    }
}
