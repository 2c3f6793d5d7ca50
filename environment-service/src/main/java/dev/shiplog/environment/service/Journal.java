package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.state.Fact;
import dev.shiplog.environment.domain.state.History;
import dev.shiplog.environment.mapping.JournalMapper;
import dev.shiplog.environment.repository.JournalEntry;
import dev.shiplog.kit.messaging.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal the state at an instant is folded from ({@code asOf}): every fact the projections applied, with its
 * time on the log, once per event.
 */
@ApplicationScoped
public class Journal {

    private final JournalMapper mapper;

    public Journal(JournalMapper mapper) {
        this.mapper = mapper;
    }

    /** Records {@code fact}, which {@code delivery} brought, about {@code environment} (null: the whole project). */
    void record(Delivery delivery, String projectId, String environment, Fact fact) {
        if (JournalEntry.findById(delivery.envelope().getEventId()) != null) {
            return;
        }
        JournalMapper.Kinded kinded = mapper.toJournal(fact);
        JournalEntry entry = new JournalEntry();
        entry.eventId = delivery.envelope().getEventId();
        entry.projectId = projectId;
        entry.environment = environment;
        entry.occurredAt = delivery.occurredAt();
        entry.kind = kinded.kind();
        entry.payload = kinded.payload();
        entry.logTopic = delivery.topic();
        entry.logPartition = delivery.partition();
        entry.logOffset = delivery.offset();
        entry.persist();
    }

    /** The facts of {@code projectId} up to {@code at}, in the order they happened. */
    List<History.Entry> upTo(String projectId, Instant at) {
        List<History.Entry> out = new ArrayList<>();
        for (JournalEntry entry : JournalEntry.upTo(projectId, at)) {
            Fact fact = mapper.fromJournal(entry.kind, entry.payload);
            if (fact != null) {
                out.add(new History.Entry(entry.environment, entry.occurredAt, fact));
            }
        }
        return out;
    }

    /** Every project with a fact up to {@code at}. */
    List<String> projectsUpTo(Instant at) {
        return JournalEntry.projectsUpTo(at);
    }
}
