package dev.shiplog.notification.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.domain.SubscriptionState;
import dev.shiplog.notification.domain.signature.SigningKeys;
import dev.shiplog.schema.common.SealedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The subscriptions as this service's view of the log keeps them ({@code subscription}): their lists and sealed
 * secrets as JSON text, which nothing outside this class reads. Called within the caller's transaction.
 */
@ApplicationScoped
public class SubscriptionStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public SubscriptionStore(ObjectMapper json) {
        this.json = json;
    }

    public Optional<SubscriptionState> find(String id) {
        SubscriptionEntity row = SubscriptionEntity.findById(id);
        return row == null ? Optional.empty() : Optional.of(state(row));
    }

    /** A project's subscriptions, oldest first. */
    public List<Subscription> ofProject(String projectId) {
        return SubscriptionEntity.ofProject(projectId).stream().map(this::view).toList();
    }

    public long count(String projectId) {
        return SubscriptionEntity.count("projectId", projectId);
    }

    /**
     * Makes or changes the subscription as {@code s} says (a changed one keeps when it was made); false, and nothing
     * changed, when its id belongs to another project (a subscription never moves).
     */
    public boolean save(SubscriptionState s) {
        Subscription v = s.subscription();
        SubscriptionEntity row = SubscriptionEntity.findById(v.id());
        boolean created = row == null;
        if (created) {
            row = new SubscriptionEntity();
            row.id = v.id();
            row.projectId = v.projectId();
            row.createdAt = v.createdAt();
        } else if (!row.projectId.equals(v.projectId())) {
            return false;
        }
        row.name = v.name();
        row.channel = v.channel();
        row.url = v.url();
        row.emailsJson = text(v.emails());
        row.environmentsJson = text(v.environments());
        row.kindsJson = text(v.kinds());
        row.paused = v.paused();
        row.maxAttempts = v.maxAttempts();
        row.secretJson = sealed(s.keys().current());
        row.previousSecretJson = sealed(s.keys().previous());
        row.previousSecretUntil = s.keys().previousUntil();
        row.updatedAt = v.updatedAt();
        if (created) {
            row.persist();
        }
        return true;
    }

    /** Deletes the subscription if it is one of {@code projectId}'s: true if it was. */
    public boolean delete(String id, String projectId) {
        SubscriptionEntity row = SubscriptionEntity.findById(id);
        if (row == null || !row.projectId.equals(projectId)) {
            return false;
        }
        row.delete();
        return true;
    }

    private SubscriptionState state(SubscriptionEntity row) {
        return new SubscriptionState(view(row), new SigningKeys(sealed(row.secretJson), sealed(row.previousSecretJson),
                row.previousSecretUntil));
    }

    private Subscription view(SubscriptionEntity s) {
        return new Subscription(s.id, s.projectId, s.name, s.channel, s.url, list(s.emailsJson),
                list(s.environmentsJson), list(s.kindsJson), s.paused, s.maxAttempts, s.secretJson != null,
                s.previousSecretUntil, s.createdAt, s.updatedAt);
    }

    private List<String> list(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a subscription's list is not JSON", e);
        }
    }

    private String text(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sealed(SealedSecret secret) {
        // fields in a fixed order: a rebuild must write the very same text (Map.of's order changes from run to run)
        return secret == null ? null : text(json.createObjectNode().put("name", secret.getName())
                .put("keyId", secret.getKeyId()).put("ciphertext", secret.getCiphertext()));
    }

    private SealedSecret sealed(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return SealedSecret.newBuilder().setName(node.get("name").asText()).setKeyId(node.get("keyId").asText())
                    .setCiphertext(node.get("ciphertext").asText()).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a subscription's sealed secret is not JSON", e);
        }
    }
}
