package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.state.EnvironmentState;
import dev.shiplog.environment.domain.state.Fact;
import dev.shiplog.environment.domain.state.Releases;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.repository.EnvironmentStore;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.schema.EnvironmentRef;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies one fact to an environment's row, by the rule the state at an instant is folded with
 * ({@link EnvironmentState#after}), and records it in the journal: the live view and {@code asOf} are the same code
 * on the same facts. Both projections write through here.
 */
@ApplicationScoped
public class EnvironmentFacts {

    private final EnvironmentStore environments;
    private final Journal journal;

    public EnvironmentFacts(EnvironmentStore environments, Journal journal) {
        this.environments = environments;
        this.journal = journal;
    }

    /** {@code fact} about {@code ref}, which does not change what is live there. */
    void apply(Delivery delivery, EnvironmentRef ref, Fact fact) {
        EnvironmentEntity row = environments.lock(ref, delivery.occurredAt());
        EnvironmentState before = environments.state(row, false);
        write(delivery, ref, fact, row, before, before.live());
    }

    /** {@code fact} about {@code ref}, after which {@code releases} say what is live there. */
    void apply(Delivery delivery, EnvironmentRef ref, Fact fact, Releases releases) {
        EnvironmentEntity row = environments.lock(ref, delivery.occurredAt());
        write(delivery, ref, fact, row, environments.state(row, false), releases.live().orElse(null));
    }

    private void write(Delivery delivery, EnvironmentRef ref, Fact fact, EnvironmentEntity row,
            EnvironmentState before, Releases.Live live) {
        EnvironmentState after = before.after(fact, delivery.occurredAt(), true, live);
        environments.write(row, after, fact, delivery.occurredAt());
        journal.record(delivery, ref.projectId(), ref.environment(), fact);
    }
}
