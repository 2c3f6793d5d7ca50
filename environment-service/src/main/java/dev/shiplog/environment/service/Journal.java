package dev.shiplog.environment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.environment.repository.JournalEntry;
import dev.shiplog.kit.messaging.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Writes an environment or project fact into the journal the state at an instant is folded from. */
@ApplicationScoped
public class Journal {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public Journal(ObjectMapper json) {
        this.json = json;
    }

    /** The fact {@code delivery} brings about {@code environment} (null: the whole project). */
    void record(Delivery delivery, String projectId, String environment, String kind, Map<String, Object> payload) {
        if (JournalEntry.findById(delivery.envelope().getEventId()) != null) {
            return;
        }
        JournalEntry entry = new JournalEntry();
        entry.eventId = delivery.envelope().getEventId();
        entry.projectId = projectId;
        entry.environment = environment;
        entry.occurredAt = delivery.occurredAt();
        entry.kind = kind;
        try {
            entry.payload = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        entry.persist();
    }

    Map<String, Object> payload(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
