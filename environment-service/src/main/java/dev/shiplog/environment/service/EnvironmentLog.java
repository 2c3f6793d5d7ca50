package dev.shiplog.environment.service;

import dev.shiplog.environment.config.EnvironmentServiceConfig;
import dev.shiplog.environment.messaging.outgoing.EnvironmentEventsLog;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.schema.EnvironmentRef;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the commands' events to {@code shiplog.environment.events} (acknowledged by the broker) and waits, bounded,
 * until this service's own view has applied them: a command answers with what it wrote (read your writes).
 */
@ApplicationScoped
public class EnvironmentLog {

    /** The consumer whose view this service answers with: a write waits until it has applied the write's event. */
    public static final String VIEW = "environment-service.environments";

    private final EventPublisher events;
    private final ProjectionPositions positions;
    private final EnvironmentServiceConfig config;

    public EnvironmentLog(@EnvironmentEventsLog EventPublisher events, ProjectionPositions positions,
            EnvironmentServiceConfig config) {
        this.events = events;
        this.positions = positions;
        this.config = config;
    }

    /** A fact about one environment, keyed by it (ordered with everything else about it). */
    LogPosition write(EnvironmentRef ref, SpecificRecord event) {
        return events.publish(ref.key(), event);
    }

    /** A fact about a whole project, keyed by the project. */
    LogPosition writeProject(String projectId, SpecificRecord event) {
        return events.publish(projectId, event);
    }

    /** Waits (bounded) until this service's view has applied the event at {@code position}; returns it. */
    LogPosition seen(LogPosition position) {
        if (position != null) {
            positions.await(VIEW, position, config.visibleWithin());
        }
        return position;
    }
}
