package dev.shiplog.notification.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.LogPosition;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.rest.ServiceUnavailableException;
import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.notification.channel.Destinations;
import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.NotificationKind;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.domain.SubscriptionChange;
import dev.shiplog.notification.messaging.outgoing.NotificationEventsLog;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.notification.repository.SubscriptionEntity;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.notification.SubscriptionConfigured;
import dev.shiplog.schema.notification.SubscriptionDeleted;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Subscriptions as events on the log (SubscriptionConfigured, SubscriptionDeleted), written by a maintainer of the
 * project; a webhook's secret sealed before it is written. A command answers once this service's own view shows
 * it (read your writes). Everything is checked before anything is written: a refused request changes nothing.
 */
@ApplicationScoped
public class SubscriptionCommands {

    public static final int MAX_SUBSCRIPTIONS = 50;
    public static final int MAX_EMAILS = 20;
    public static final int MAX_ATTEMPTS = 20;
    public static final int DEFAULT_ATTEMPTS = 8;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 200;

    private final EventPublisher events;
    private final AccessGuard access;
    private final SecretBox secrets;
    private final ProjectionPositions positions;
    private final NotificationServiceConfig config;
    private final Destinations destinations;
    private final Subscriptions subscriptions;
    private final DeliveryStore deliveries;
    private final DeliveryDispatcher dispatcher;

    public SubscriptionCommands(@NotificationEventsLog EventPublisher events, AccessGuard access, SecretBox secrets,
            ProjectionPositions positions, NotificationServiceConfig config, Destinations destinations,
            Subscriptions subscriptions, DeliveryStore deliveries, DeliveryDispatcher dispatcher) {
        this.events = events;
        this.access = access;
        this.secrets = secrets;
        this.positions = positions;
        this.config = config;
        this.destinations = destinations;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
    }

    /** What a command wrote: the subscription as it is now, and where its event is on the log. */
    public record Accepted(Subscription subscription, LogPosition position) {
    }

    public Accepted create(String projectId, SubscriptionChange change, Caller caller) {
        checkProject(projectId);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "subscription.create", null, null,
                "managing notification subscriptions");
        check(change, true);
        long count = QuarkusTransaction.requiringNew().call(() -> SubscriptionEntity.count("projectId", projectId));
        if (count >= MAX_SUBSCRIPTIONS) {
            throw new ConflictException("name", "a project has at most " + MAX_SUBSCRIPTIONS + " subscriptions");
        }
        String id = UUID.randomUUID().toString();
        return write(projectId, id, configured(projectId, id, change, seal(id, change), null, null, actor));
    }

    public Accepted update(String projectId, String id, SubscriptionChange change, Caller caller) {
        SubscriptionEntity row = existing(projectId, id);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "subscription.update", null, id,
                "managing notification subscriptions");
        boolean needsSecret = change.channel().equals(Subscription.WEBHOOK) && row.secretJson == null;
        check(change, needsSecret);
        SealedSecret current = subscriptions.sealed(row.secretJson);
        SealedSecret previous = subscriptions.sealed(row.previousSecretJson);
        Instant until = row.previousSecretUntil;
        SealedSecret secret = current;
        if (change.secret() != null) {
            // a rotation: the secret it replaces still signs, beside the new one, for the grace period
            secret = seal(id, change);
            previous = current;
            until = current == null ? null : Instant.now().plus(config.webhooks().secretGrace());
        }
        if (!change.channel().equals(Subscription.WEBHOOK)) {
            secret = null;
            previous = null;
            until = null;
        }
        return write(projectId, id, configured(projectId, id, change, secret, previous, until, actor));
    }

    /** Paused or resumed, the rest as it is. */
    public Accepted pause(String projectId, String id, boolean paused, Caller caller) {
        SubscriptionEntity row = existing(projectId, id);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, paused ? "subscription.pause"
                : "subscription.resume", null, id, "managing notification subscriptions");
        Subscription s = subscriptions.toDomain(row);
        SubscriptionChange same = new SubscriptionChange(s.name(), s.channel(), s.url(), s.emails(), s.environments(),
                s.kinds(), paused, s.maxAttempts(), null);
        Accepted accepted = write(projectId, id, configured(projectId, id, same, subscriptions.sealed(row.secretJson),
                subscriptions.sealed(row.previousSecretJson), row.previousSecretUntil, actor));
        dispatcher.wake();
        return accepted;
    }

    public LogPosition delete(String projectId, String id, Caller caller) {
        existing(projectId, id);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "subscription.delete", null, id,
                "managing notification subscriptions");
        SubscriptionDeleted event = SubscriptionDeleted.newBuilder().setEnvelope(Envelopes.root(actor, id, null))
                .setSubscriptionId(id).setProjectId(projectId).build();
        return seen(events.publish(id, event));
    }

    /** A dead delivery sent again from its first attempt's budget (a maintainer may). */
    public void resend(String projectId, String subscriptionId, String deliveryId, Caller caller) {
        existing(projectId, subscriptionId);
        access.require(caller, projectId, Role.MAINTAINER, "subscription.resend", null, subscriptionId,
                "re-sending a delivery");
        UUID id = uuid("deliveryId", deliveryId);
        boolean resent = QuarkusTransaction.requiringNew().call(() -> {
            if (!deliveries.exists(subscriptionId, id)) {
                throw new NotFoundException("No delivery " + deliveryId + " of subscription " + subscriptionId);
            }
            return deliveries.resend(subscriptionId, id);
        });
        if (!resent) {
            throw new ConflictException("deliveryId", "only a dead-lettered delivery is sent again by hand");
        }
        dispatcher.wake();
    }

    private Accepted write(String projectId, String id, SubscriptionConfigured event) {
        LogPosition at = seen(events.publish(id, event));
        SubscriptionEntity row = QuarkusTransaction.requiringNew().call(() -> SubscriptionEntity.findById(id));
        Subscription view = row != null && row.projectId.equals(projectId) ? subscriptions.toDomain(row)
                : new Subscription(id, projectId, event.getName(), event.getChannel(), event.getUrl(),
                        event.getEmails(), event.getEnvironments(), event.getKinds(), event.getPaused(),
                        event.getMaxAttempts(), event.getSecret() != null, event.getPreviousSecretUntil(),
                        event.getEnvelope().getOccurredAt(), event.getEnvelope().getOccurredAt());
        return new Accepted(view, at);
    }

    private LogPosition seen(LogPosition position) {
        if (position != null) {
            positions.await(SubscriptionProjection.CONSUMER, position, config.visibleWithin());
        }
        return position;
    }

    private SubscriptionConfigured configured(String projectId, String id, SubscriptionChange c, SealedSecret secret,
            SealedSecret previous, Instant previousUntil, Actor actor) {
        return SubscriptionConfigured.newBuilder().setEnvelope(Envelopes.root(actor, id, null)).setSubscriptionId(id)
                .setProjectId(projectId).setName(c.name()).setChannel(c.channel()).setUrl(c.url())
                .setEmails(c.emails()).setEnvironments(c.environments()).setKinds(c.kinds()).setPaused(c.paused())
                .setMaxAttempts(c.maxAttempts()).setSecret(secret).setPreviousSecret(previous)
                .setPreviousSecretUntil(previousUntil).build();
    }

    private SealedSecret seal(String id, SubscriptionChange change) {
        if (change.secret() == null) {
            return null;
        }
        if (!secrets.available()) {
            throw new ServiceUnavailableException("No sealing key is configured (shiplog-secrets.keys): a webhook"
                    + " secret cannot be stored", null);
        }
        return secrets.seal(secretName(id), change.secret());
    }

    /** The name a subscription's secret is sealed under (bound to its ciphertext). */
    public static String secretName(String subscriptionId) {
        return "subscription:" + subscriptionId;
    }

    private SubscriptionEntity existing(String projectId, String id) {
        checkProject(projectId);
        uuid("subscriptionId", id);
        SubscriptionEntity row = QuarkusTransaction.requiringNew().call(() -> SubscriptionEntity.findById(id));
        if (row == null || !row.projectId.equals(projectId)) {
            access.requireToRead(access.caller(), projectId);
            throw new NotFoundException("No subscription " + id + " in project " + projectId);
        }
        return row;
    }

    static void checkProject(String projectId) {
        if (FieldRules.name(projectId) != null) {
            throw new InvalidInputException("projectId", FieldRules.NAME_RULE);
        }
    }

    static UUID uuid(String field, String value) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equals(value.toLowerCase(java.util.Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new InvalidInputException(field, "must be a UUID");
    }

    /** Every rule {@code change} breaks, all at once; {@code needsSecret}: a webhook without a secret yet. */
    void check(SubscriptionChange c, boolean needsSecret) {
        List<Violation> out = new ArrayList<>();
        if (c.name() == null || c.name().isBlank()) {
            out.add(new Violation("name", "is required"));
        } else if (FieldRules.line(c.name(), 200) != null) {
            out.add(new Violation("name", FieldRules.line(c.name(), 200)));
        }
        if (c.channel() == null) {
            out.add(new Violation("channel", "is required (" + String.join(", ", Subscription.CHANNELS) + ")"));
        } else if (!Subscription.CHANNELS.contains(c.channel())) {
            out.add(new Violation("channel", "must be one of " + String.join(", ", Subscription.CHANNELS)));
        } else if (c.channel().equals(Subscription.EMAIL)) {
            if (c.url() != null) {
                out.add(new Violation("url", "is for webhook and chat subscriptions; an email one has emails"));
            }
            if (c.emails().isEmpty()) {
                out.add(new Violation("emails", "is required for an email subscription (1 to " + MAX_EMAILS
                        + " addresses)"));
            }
        } else {
            if (c.url() == null) {
                out.add(new Violation("url", "is required for a " + c.channel() + " subscription"));
            } else {
                String rule = destinations.urlRule(c.url(), true);
                if (rule != null) {
                    out.add(new Violation("url", rule));
                }
            }
            if (!c.emails().isEmpty()) {
                out.add(new Violation("emails", "is for email subscriptions"));
            }
        }
        if (c.emails().size() > MAX_EMAILS) {
            out.add(new Violation("emails", "must be at most " + MAX_EMAILS + " addresses"));
        } else {
            for (int i = 0; i < c.emails().size(); i++) {
                String address = c.emails().get(i);
                String rule = address == null ? "is required" : Destinations.emailRule(address);
                if (rule != null) {
                    out.add(new Violation("emails[" + i + "]", rule));
                }
            }
        }
        if (c.environments().size() > 50) {
            out.add(new Violation("environments", "must be at most 50"));
        } else {
            for (int i = 0; i < c.environments().size(); i++) {
                String environment = c.environments().get(i);
                if (environment == null || FieldRules.name(environment) != null) {
                    out.add(new Violation("environments[" + i + "]", FieldRules.NAME_RULE));
                }
            }
        }
        for (int i = 0; i < c.kinds().size(); i++) {
            if (!NotificationKind.WIRE.contains(c.kinds().get(i))) {
                out.add(new Violation("kinds[" + i + "]", "must be one of " + String.join(", ",
                        NotificationKind.WIRE)));
            }
        }
        if (c.maxAttempts() < 1 || c.maxAttempts() > MAX_ATTEMPTS) {
            out.add(new Violation("maxAttempts", "must be between 1 and " + MAX_ATTEMPTS));
        }
        boolean webhook = Subscription.WEBHOOK.equals(c.channel());
        if (c.secret() != null && !webhook) {
            out.add(new Violation("secret", "is for webhook subscriptions (chat and email are not signed)"));
        } else if (c.secret() == null && webhook && needsSecret) {
            out.add(new Violation("secret", "is required for a webhook (" + MIN_SECRET + " to " + MAX_SECRET
                    + " printable characters): its deliveries are signed with it"));
        } else if (c.secret() != null && (c.secret().length() < MIN_SECRET || c.secret().length() > MAX_SECRET
                || !c.secret().chars().allMatch(ch -> ch > 0x20 && ch < 0x7f))) {
            out.add(new Violation("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET
                    + " printable ASCII characters, no spaces"));
        }
        if (!out.isEmpty()) {
            throw new InvalidInputException(out);
        }
    }
}
