package dev.shiplog.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.notification.domain.destination.DestinationPolicy;
import dev.shiplog.notification.domain.destination.DestinationRules;
import dev.shiplog.notification.domain.signature.SigningKeys;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.rules.FieldRules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Given a subscription as a caller asks for it, when it is checked, then every rule it breaks, each naming its
 * field, as the 400 problem lists them; or none.
 */
class SubscriptionRulesTest {

    static final String SECRET = "0123456789abcdef";
    static final DestinationRules DESTINATIONS = new DestinationRules(new DestinationPolicy(false, true, false,
            Set.of(8080, 8084)), host -> {
                try {
                    // hooks.example.com is public; address literals parse; other names do not resolve
                    return host.equals("hooks.example.com") ? List.of(InetAddress.getByAddress(new byte[] { 93, (byte) 184, (byte) 215, 14 }))
                            : host.matches("[0-9.]+|.*:.*") ? List.of(InetAddress.getByName(host)) : List.of();
                } catch (UnknownHostException e) {
                    return List.of();
                }
            });

    static SubscriptionChange webhook(String url) {
        return new SubscriptionChange("ci", "webhook", url, List.of(), List.of(), List.of(), false, 8, SECRET);
    }

    static SubscriptionChange chat(String url) {
        return new SubscriptionChange("chat", "chat", url, List.of(), List.of(), List.of(), false, 8, null);
    }

    static SubscriptionChange email(List<String> emails) {
        return new SubscriptionChange("mail", "email", null, emails, List.of(), List.of(), false, 8, null);
    }

    static List<Violation> check(SubscriptionChange change) {
        return SubscriptionRules.violations(change, SubscriptionRules.needsSecret(change.channel(), false),
                DESTINATIONS);
    }

    static List<String> fields(SubscriptionChange change) {
        return check(change).stream().map(Violation::field).toList();
    }

    @Test
    void aWellFormedSubscriptionOfEachChannelBreaksNoRule() {
        assertEquals(List.of(), check(webhook("https://hooks.example.com/shiplog")));
        assertEquals(List.of(), check(chat("http://127.0.0.1:9000/chat")));
        assertEquals(List.of(), check(email(List.of("ops@example.com", "dev@example.com"))));
        assertEquals(List.of(), check(new SubscriptionChange("prod only", "webhook", "https://hooks.example.com/x",
                List.of(), List.of("production", "staging"), List.of("failed", "rolled_back", "health_changed"), true,
                20, "~!@#$%^&*()_+{}|:\"<>?0123")));
    }

    @Test
    void aUrlWhosePortIs65536Or0IsRefusedNamingUrl() {
        assertEquals(List.of(new Violation("url", "must have a port from 1 to 65535 (65536)")),
                check(webhook("https://hooks.example.com:65536/x")));
        assertEquals(List.of(new Violation("url", "must have a port from 1 to 65535 (0)")),
                check(chat("http://127.0.0.1:0/x")));
    }

    @Test
    void aUrlTheDestinationRulesRefuseIsRefusedNamingUrl() {
        assertEquals(List.of(new Violation("url", "must be an absolute http(s) URL")), check(webhook("ftp://example.com/x")));
        assertEquals(List.of(new Violation("url", "must not carry credentials (user:password@)")),
                check(webhook("https://user:pw@127.0.0.1:9/x")));
        assertEquals(List.of(new Violation("url", "must not point at a private, link-local or internal network"
                + " (192.168.1.10); allow it with shiplog.webhooks.allow-private-networks")),
                check(webhook("https://192.168.1.10/x")));
        assertEquals(List.of(new Violation("url", "must not point at one of the platform's own ports (127.0.0.1:8084)")),
                check(chat("http://127.0.0.1:8084/api")));
    }

    @Test
    void theChannelIsRequiredAndOneOfWebhookChatEmail() {
        assertEquals(List.of(new Violation("channel", "is required (webhook, chat, email)")),
                check(new SubscriptionChange("x", null, null, List.of(), List.of(), List.of(), false, 8, null)));
        assertEquals(List.of(new Violation("channel", "must be one of webhook, chat, email")),
                check(new SubscriptionChange("x", "sms", null, List.of(), List.of(), List.of(), false, 8, null)));
    }

    @Test
    void webhookAndChatNeedAUrlAndNoEmails() {
        assertEquals(List.of(new Violation("url", "is required for a chat subscription")), check(chat(null)));
        assertEquals(List.of(new Violation("emails", "is for email subscriptions")),
                check(new SubscriptionChange("x", "chat", "http://127.0.0.1:9000/x", List.of("a@example.com"),
                        List.of(), List.of(), false, 8, null)));
    }

    @Test
    void emailNeedsOneToTwentyValidAddressesAndNoUrl() {
        assertEquals(List.of(new Violation("emails", "is required for an email subscription (1 to 20 addresses)")),
                check(email(List.of())));
        assertEquals(List.of(new Violation("emails", "must be at most 20 addresses")),
                check(email(Collections.nCopies(21, "ops@example.com"))));
        assertEquals(List.of(new Violation("emails[1]", "must be an email address (local@domain)")),
                check(email(List.of("ops@example.com", "a@b\r\nBcc: c@d"))));
        assertEquals(List.of(new Violation("emails[0]", "is required")),
                check(email(java.util.Arrays.asList((String) null))));
        assertEquals(List.of(new Violation("url", "is for webhook and chat subscriptions; an email one has emails")),
                check(new SubscriptionChange("x", "email", "https://hooks.example.com/x", List.of("a@example.com"),
                        List.of(), List.of(), false, 8, null)));
    }

    @Test
    void environmentsAreNamesAtMostFifty() {
        assertEquals(List.of(new Violation("environments[1]", FieldRules.NAME_RULE)),
                check(new SubscriptionChange("x", "chat", "http://127.0.0.1:9000/x", List.of(),
                        List.of("staging", "Prod!"), List.of(), false, 8, null)));
        assertEquals(List.of(new Violation("environments", "must be at most 50")),
                check(new SubscriptionChange("x", "chat", "http://127.0.0.1:9000/x", List.of(),
                        Collections.nCopies(51, "staging"), List.of(), false, 8, null)));
    }

    @Test
    void kindsAreAmongTheNotificationKinds() {
        assertEquals(List.of(new Violation("kinds[1]", "must be one of started, succeeded, failed, cancelled,"
                + " rolled_back, promoted, scheduled, approval_requested, health_changed")),
                check(new SubscriptionChange("x", "chat", "http://127.0.0.1:9000/x", List.of(), List.of(),
                        List.of("failed", "nope"), false, 8, null)));
    }

    @Test
    void maxAttemptsIsOneToTwenty() {
        for (int bad : new int[] { 0, -1, 21, 99 }) {
            assertEquals(List.of(new Violation("maxAttempts", "must be between 1 and 20")),
                    check(new SubscriptionChange("x", "chat", "http://127.0.0.1:9000/x", List.of(), List.of(),
                            List.of(), false, bad, null)));
        }
    }

    @Test
    void theNameIsRequiredOneLineAtMost200() {
        assertEquals(List.of(new Violation("name", "is required")),
                check(new SubscriptionChange(" ", "chat", "http://127.0.0.1:9000/x", List.of(), List.of(), List.of(),
                        false, 8, null)));
        assertEquals(List.of("name"), fields(new SubscriptionChange("x\u0000", "chat", "http://127.0.0.1:9000/x",
                List.of(), List.of(), List.of(), false, 8, null)));
        assertEquals(List.of("name"), fields(new SubscriptionChange("x".repeat(201), "chat", "http://127.0.0.1:9000/x",
                List.of(), List.of(), List.of(), false, 8, null)));
    }

    @Test
    void aWebhookNeedsASecretOf16To200PrintableCharactersAndOthersNone() {
        SubscriptionChange none = new SubscriptionChange("x", "webhook", "https://hooks.example.com/x", List.of(),
                List.of(), List.of(), false, 8, null);
        assertEquals(List.of(new Violation("secret", "is required for a webhook (16 to 200 printable characters): its"
                + " deliveries are signed with it")), check(none));
        for (String bad : List.of("short", "0123456789 abcdef", "0123456789abcdé1", "x".repeat(201))) {
            assertEquals(List.of(new Violation("secret", "must be 16 to 200 printable ASCII characters, no spaces")),
                    check(new SubscriptionChange("x", "webhook", "https://hooks.example.com/x", List.of(), List.of(),
                            List.of(), false, 8, bad)), bad);
        }
        assertEquals(List.of(new Violation("secret", "is for webhook subscriptions (chat and email are not signed)")),
                check(new SubscriptionChange("x", "chat", "http://127.0.0.1:9000/x", List.of(), List.of(), List.of(),
                        false, 8, SECRET)));
    }

    @Test
    void aWebhookThatHasASecretMayBeChangedWithoutOne() {
        SubscriptionChange keep = new SubscriptionChange("x", "webhook", "https://hooks.example.com/x", List.of(),
                List.of(), List.of(), false, 8, null);
        assertEquals(List.of(), SubscriptionRules.violations(keep, SubscriptionRules.needsSecret("webhook", true),
                DESTINATIONS));
        // a chat subscription turned into a webhook has none yet
        assertTrue(SubscriptionRules.needsSecret("webhook", false));
        assertTrue(!SubscriptionRules.needsSecret("chat", false));
    }

    @Test
    void everyBrokenRuleIsAnsweredAtOnceInTheOrderOfTheFields() {
        assertEquals(List.of("name", "url", "emails[0]", "environments[0]", "kinds[0]", "maxAttempts", "secret"),
                fields(new SubscriptionChange("", "webhook", "ftp://x", List.of("bad"), List.of("BAD"), List.of("bad"),
                        false, 0, "short")).stream().filter(f -> !f.equals("emails")).toList());
    }

    @Test
    void aProjectHasAtMostFiftySubscriptions() {
        assertEquals(Optional.empty(), SubscriptionRules.oneMore(49));
        assertEquals(Optional.of(new Violation("name", "a project has at most 50 subscriptions")),
                SubscriptionRules.oneMore(50));
    }

    @Test
    void changingAWebhooksSecretRotatesItAndAnotherChannelSignsWithNothing() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        SealedSecret one = SealedSecret.newBuilder().setName("subscription:s").setKeyId("t1").setCiphertext("1").build();
        SealedSecret two = SealedSecret.newBuilder().setName("subscription:s").setKeyId("t1").setCiphertext("2").build();
        SigningKeys keys = new SigningKeys(one, null, null);
        assertEquals(new SigningKeys(two, one, now.plus(Duration.ofHours(24))),
                SubscriptionRules.keysAfter(keys, "webhook", two, now, Duration.ofHours(24)));
        assertEquals(keys, SubscriptionRules.keysAfter(keys, "webhook", null, now, Duration.ofHours(24)));
        assertEquals(SigningKeys.NONE, SubscriptionRules.keysAfter(keys, "chat", null, now, Duration.ofHours(24)));
    }

    @Test
    void pausingKeepsEverythingElse() {
        Subscription s = new Subscription("s1", "shop", "ci", "webhook", "https://hooks.example.com/x", List.of(),
                List.of("staging"), List.of("failed"), false, 5, true, null, Instant.EPOCH, Instant.EPOCH);
        assertEquals(new SubscriptionChange("ci", "webhook", "https://hooks.example.com/x", List.of(),
                List.of("staging"), List.of("failed"), true, 5, null), SubscriptionRules.paused(s, true));
    }
}
