package dev.shiplog.kit.access;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.access.MemberRemoved;
import dev.shiplog.schema.access.MemberRoleGranted;
import dev.shiplog.schema.access.TokenIssued;
import dev.shiplog.schema.access.TokenRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every service's copy of tokens and members, from {@code shiplog.access.events} (consumer {@code <service>.access}).
 * A token is kept with the hash of its secret; a revocation or a removed member takes effect on each service as
 * soon as it has read the event (milliseconds, typically).
 */
@ApplicationScoped
public class AccessProjection implements Projection {

    private final AccessStore store;
    private final String consumer;

    public AccessProjection(AccessStore store, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.store = store;
        this.consumer = service + ".access";
    }

    @Override
    public String consumer() {
        return consumer;
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.ACCESS_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        String by = delivery.envelope().getActor();
        var at = delivery.envelope().getOccurredAt();
        if (delivery.event() instanceof TokenIssued t) {
            store.issued(new AccessStore.TokenRecord(t.getTokenId(), t.getName(), t.getSubject(), t.getSecretSha256(),
                    t.getExpiresAt(), t.getProjectId(), t.getRole(), at, by, null, t.getInstanceAdmin()));
        } else if (delivery.event() instanceof TokenRevoked t) {
            store.revoked(t.getTokenId(), at, by);
        } else if (delivery.event() instanceof MemberRoleGranted m) {
            store.granted(new AccessStore.Member(m.getProjectId(), m.getSubject(), m.getRole(), at, by));
        } else if (delivery.event() instanceof MemberRemoved m) {
            store.removed(m.getProjectId(), m.getSubject());
        }
    }
}
