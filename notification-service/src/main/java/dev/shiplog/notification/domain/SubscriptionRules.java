package dev.shiplog.notification.domain;

import dev.shiplog.notification.domain.destination.DestinationRules;
import dev.shiplog.notification.domain.signature.SigningKeys;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.rules.FieldRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a subscription may be, as a caller makes or replaces it. Every rule a change breaks is answered at once, each
 * naming its field; nothing is written for a change that breaks any.
 */
public final class SubscriptionRules {

    public static final int MAX_SUBSCRIPTIONS = 50;
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAILS = 20;
    public static final int MAX_ENVIRONMENTS = 50;
    public static final int MAX_ATTEMPTS = 20;
    public static final int DEFAULT_ATTEMPTS = 8;
    public static final int MIN_SECRET = 16;
    public static final int MAX_SECRET = 200;

    /**
     * Every rule {@code c} breaks; {@code needsSecret}: a webhook that has no secret yet ({@link #needsSecret});
     * {@code destinations} decide the URL (on what its host resolves to).
     */
    public static List<Violation> violations(SubscriptionChange c, boolean needsSecret,
            DestinationRules destinations) {
        List<Violation> out = new ArrayList<>();
        name(c, out);
        channelAndDestination(c, destinations, out);
        emails(c, out);
        if (c.environments().size() > MAX_ENVIRONMENTS) {
            out.add(new Violation("environments", "must be at most " + MAX_ENVIRONMENTS));
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
        secret(c, needsSecret, out);
        return out;
    }

    /** Whether a change to {@code channel} must bring a secret: a webhook without one yet. */
    public static boolean needsSecret(String channel, boolean hasSecret) {
        return Subscription.WEBHOOK.equals(channel) && !hasSecret;
    }

    /** The refusal of one more subscription for a project that has {@code count}, if it is one too many. */
    public static Optional<Violation> oneMore(long count) {
        return count >= MAX_SUBSCRIPTIONS ? Optional.of(new Violation("name", "a project has at most "
                + MAX_SUBSCRIPTIONS + " subscriptions")) : Optional.empty();
    }

    /**
     * The keys after a change to {@code channel} that brings {@code sealed} (its new secret, sealed; null: none): a
     * rotation (the replaced secret signs too for {@code grace}), the same keys, or none for chat and email.
     */
    public static SigningKeys keysAfter(SigningKeys keys, String channel, SealedSecret sealed, Instant now,
            Duration grace) {
        return Subscription.WEBHOOK.equals(channel) ? keys.rotate(sealed, now, grace) : SigningKeys.NONE;
    }

    /** {@code s} paused or resumed, everything else as it is (its secrets too). */
    public static SubscriptionChange paused(Subscription s, boolean paused) {
        return new SubscriptionChange(s.name(), s.channel(), s.url(), s.emails(), s.environments(), s.kinds(), paused,
                s.maxAttempts(), null);
    }

    private static void name(SubscriptionChange c, List<Violation> out) {
        if (c.name() == null || c.name().isBlank()) {
            out.add(new Violation("name", "is required"));
        } else if (FieldRules.line(c.name(), MAX_NAME) != null) {
            out.add(new Violation("name", FieldRules.line(c.name(), MAX_NAME)));
        }
    }

    private static void channelAndDestination(SubscriptionChange c, DestinationRules destinations,
            List<Violation> out) {
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
                String rule = destinations.urlRule(c.url());
                if (rule != null) {
                    out.add(new Violation("url", rule));
                }
            }
            if (!c.emails().isEmpty()) {
                out.add(new Violation("emails", "is for email subscriptions"));
            }
        }
    }

    private static void emails(SubscriptionChange c, List<Violation> out) {
        if (c.emails().size() > MAX_EMAILS) {
            out.add(new Violation("emails", "must be at most " + MAX_EMAILS + " addresses"));
            return;
        }
        for (int i = 0; i < c.emails().size(); i++) {
            String address = c.emails().get(i);
            String rule = address == null ? "is required" : DestinationRules.emailRule(address);
            if (rule != null) {
                out.add(new Violation("emails[" + i + "]", rule));
            }
        }
    }

    private static void secret(SubscriptionChange c, boolean needsSecret, List<Violation> out) {
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
    }

    private SubscriptionRules() {
    }
}
