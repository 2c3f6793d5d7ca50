package dev.shiplog.notification.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.notification.channel.Destinations;
import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.domain.SubscriptionChange;
import dev.shiplog.notification.domain.SubscriptionRules;
import dev.shiplog.notification.domain.SubscriptionState;
import dev.shiplog.notification.domain.signature.SigningKeys;
import dev.shiplog.notification.messaging.outgoing.SubscriptionLog;
import dev.shiplog.notification.repository.SubscriptionStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Subscriptions as events on the log (SubscriptionConfigured, SubscriptionDeleted), written by a maintainer of the
 * project; a webhook's secret sealed before it is written. The rules are {@link SubscriptionRules}': everything is
 * checked before anything is written, so a refused request changes nothing. A command answers once this service's
 * own view shows it (read your writes).
 */
@ApplicationScoped
public class SubscriptionCommands {

    static final String MANAGING = "managing notification subscriptions";

    private final AccessGuard access;
    private final SubscriptionLookup lookup;
    private final SubscriptionStore store;
    private final SubscriptionLog log;
    private final WebhookSecrets secrets;
    private final Destinations destinations;
    private final ProjectionPositions positions;
    private final NotificationServiceConfig config;
    private final DeliveryDispatcher dispatcher;

    public SubscriptionCommands(AccessGuard access, SubscriptionLookup lookup, SubscriptionStore store,
            SubscriptionLog log, WebhookSecrets secrets, Destinations destinations, ProjectionPositions positions,
            NotificationServiceConfig config, DeliveryDispatcher dispatcher) {
        this.access = access;
        this.lookup = lookup;
        this.store = store;
        this.log = log;
        this.secrets = secrets;
        this.destinations = destinations;
        this.positions = positions;
        this.config = config;
        this.dispatcher = dispatcher;
    }

    /** What a command wrote: the subscription as it is now, and where its event is on the log. */
    public record Accepted(Subscription subscription, LogPosition position) {
    }

    public Accepted create(String projectId, SubscriptionChange change, Caller caller) {
        Inputs.project(projectId);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "subscription.create", null, null, MANAGING);
        Inputs.refuse(SubscriptionRules.violations(change, SubscriptionRules.needsSecret(change.channel(), false),
                destinations.rules()));
        long count = QuarkusTransaction.requiringNew().call(() -> store.count(projectId));
        SubscriptionRules.oneMore(count).ifPresent(v -> {
            throw new ConflictException(v.field(), v.rule());
        });
        String id = UUID.randomUUID().toString();
        return write(projectId, id, change, keys(id, SigningKeys.NONE, change), actor);
    }

    /** The subscription replaced whole; a new secret rotates it (the one it replaces signs too, for a while). */
    public Accepted update(String projectId, String id, SubscriptionChange change, Caller caller) {
        SubscriptionState now = lookup.existing(projectId, id);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "subscription.update", null, id, MANAGING);
        Inputs.refuse(SubscriptionRules.violations(change, SubscriptionRules.needsSecret(change.channel(),
                now.keys().current() != null), destinations.rules()));
        return write(projectId, id, change, keys(id, now.keys(), change), actor);
    }

    /** Paused or resumed, the rest as it is. */
    public Accepted pause(String projectId, String id, boolean paused, Caller caller) {
        SubscriptionState now = lookup.existing(projectId, id);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, paused ? "subscription.pause"
                : "subscription.resume", null, id, MANAGING);
        Accepted accepted = write(projectId, id, SubscriptionRules.paused(now.subscription(), paused), now.keys(),
                actor);
        dispatcher.wake();
        return accepted;
    }

    public LogPosition delete(String projectId, String id, Caller caller) {
        lookup.existing(projectId, id);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "subscription.delete", null, id, MANAGING);
        return seen(log.deleted(projectId, id, actor));
    }

    private SigningKeys keys(String id, SigningKeys now, SubscriptionChange change) {
        return SubscriptionRules.keysAfter(now, change.channel(), secrets.seal(id, change.secret()), Instant.now(),
                config.webhooks().secretGrace());
    }

    private Accepted write(String projectId, String id, SubscriptionChange change, SigningKeys keys, Actor actor) {
        SubscriptionLog.Written written = log.configured(projectId, id, change, keys, actor);
        LogPosition at = seen(written.position());
        Subscription view = QuarkusTransaction.requiringNew().call(() -> store.find(id))
                .filter(s -> s.subscription().projectId().equals(projectId)).map(SubscriptionState::subscription)
                // not in the view within visible-within: answered as the event says it is
                .orElseGet(() -> SubscriptionState.of(written.event(), written.event().getEnvelope().getOccurredAt())
                        .subscription());
        return new Accepted(view, at);
    }

    private LogPosition seen(LogPosition position) {
        if (position != null) {
            positions.await(SubscriptionProjection.CONSUMER, position, config.visibleWithin());
        }
        return position;
    }
}
