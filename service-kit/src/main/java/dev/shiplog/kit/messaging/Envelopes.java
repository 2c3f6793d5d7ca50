package dev.shiplog.kit.messaging;

import dev.shiplog.schema.common.Envelope;
import java.time.Instant;
import java.util.UUID;

/** Builds the envelope every command and event carries. */
public final class Envelopes {

    /** The envelope of a fact that starts a story: its correlation id is the story's (the deployment's) id. */
    public static Envelope root(String actor, String correlationId, String causationId) {
        return Envelope.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setActor(actor)
                .setCorrelationId(correlationId)
                .setCausationId(causationId)
                .build();
    }

    /** The envelope of a fact that starts a story, caused by {@code actor} acting with its role. */
    public static Envelope root(Acting actor, String correlationId, String causationId) {
        Envelope envelope = root(actor.name(), correlationId, causationId);
        envelope.setActorRole(actor.role());
        envelope.setActorCredential(actor.credential());
        return envelope;
    }

    /** The envelope of a fact caused by {@code cause}, done by {@code actor}: same story, caused by it. */
    public static Envelope causedBy(Envelope cause, Acting actor) {
        return root(actor, cause.getCorrelationId(), cause.getEventId());
    }

    /** The envelope of a fact caused by {@code cause}: same story, caused by it. */
    public static Envelope causedBy(Envelope cause, String actor) {
        return root(actor, cause.getCorrelationId(), cause.getEventId());
    }

    /** The actor name of a service of the platform. */
    public static String service(String name) {
        return "service:" + name;
    }

    private Envelopes() {
    }
}
