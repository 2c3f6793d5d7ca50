package dev.shiplog.notification.domain.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Where deliveries may go: given a policy and what each host resolves to (a table, no DNS), when a URL is checked,
 * then the rule it breaks, in the words the API answers with, or none.
 */
class DestinationRulesTest {

    static final DestinationPolicy DEFAULTS = new DestinationPolicy(false, true, false,
            Set.of(8080, 8081, 8082, 8083, 8084, 8086, 9092, 9093, 15432, 3025, 3110));

    /** Names resolve as the table says; address literals are parsed (which asks no resolver); the rest is unknown. */
    static Resolver table(Map<String, List<String>> names) {
        return host -> {
            if (names.containsKey(host)) {
                return names.get(host).stream().map(DestinationRulesTest::literal).toList();
            }
            if (host.contains(":") || host.matches("[0-9.]+")) {
                try {
                    return List.of(literal(host));
                } catch (IllegalArgumentException e) {
                    return List.of();
                }
            }
            return List.of();
        };
    }

    /** An IPv4 (four numbers up to 255) or IPv6 literal, parsed; never a name, never looked up. */
    static InetAddress literal(String address) {
        try {
            if (address.contains(":")) {
                return InetAddress.getByName(address);
            }
            String[] parts = address.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4 && parts.length == 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    throw new IllegalArgumentException(address);
                }
                bytes[i] = (byte) part;
            }
            if (parts.length != 4) {
                throw new IllegalArgumentException(address);
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    static final Resolver DNS = table(Map.of(
            "hooks.example.com", List.of("93.184.215.14"),
            "intranet.example.com", List.of("10.1.2.3"),
            "split.example.com", List.of("93.184.215.14", "192.168.0.7"),
            "rebound.example.com", List.of("127.0.0.1")));

    static String rule(String url) {
        return new DestinationRules(DEFAULTS, DNS).urlRule(url);
    }

    @Test
    void anHttpsUrlToAPublicHostIsAccepted() {
        assertNull(rule("https://hooks.example.com/shiplog"));
        assertNull(rule("https://hooks.example.com:8443/shiplog?token=abc"));
        assertNull(rule("HTTPS://HOOKS.EXAMPLE.COM/shiplog"));
        assertNull(rule("https://93.184.215.14/x"));
    }

    @Test
    void aPortOutsideOneTo65535IsRefused() {
        assertEquals("must have a port from 1 to 65535 (65536)", rule("https://hooks.example.com:65536/x"));
        assertEquals("must have a port from 1 to 65535 (0)", rule("https://hooks.example.com:0/x"));
        assertEquals("must have a port from 1 to 65535 (70000)", rule("http://127.0.0.1:70000/x"));
        assertNull(rule("https://hooks.example.com:65535/x"));
        assertNull(rule("https://hooks.example.com:1/x"));
    }

    @Test
    void onlyAbsoluteHttpOrHttpsUrlsAreDestinations() {
        for (String url : List.of("ftp://hooks.example.com/x", "hooks.example.com/x", "/hooks", "mailto:a@b.example",
                "https:///x", "https://bad_host.example.com/x", "javascript:alert(1)")) {
            assertEquals("must be an absolute http(s) URL", rule(url), url);
        }
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertEquals("must not carry credentials (user:password@)", rule("https://user:pw@hooks.example.com/x"));
        assertEquals("must not carry credentials (user:password@)", rule("https://user:pw@127.0.0.1:9/x"));
    }

    @Test
    void spacesControlCharactersAndOverlongUrlsAreRefused() {
        assertEquals("must not contain spaces or control characters", rule("https://hooks.example.com/a b"));
        assertEquals("must not contain spaces or control characters", rule("https://hooks.example.com/\r\nX: y"));
        assertEquals("must be at most 2000 characters", rule("https://hooks.example.com/" + "a".repeat(2000)));
    }

    @Test
    void plainHttpGoesOnlyToThisMachineUnlessAllowed() {
        String notHttps = "must be https (plain http only to this machine, or with shiplog.webhooks.allow-http)";
        assertEquals(notHttps, rule("http://hooks.example.com/x"));
        assertNull(rule("http://127.0.0.1:9000/x"));
        DestinationPolicy allowHttp = new DestinationPolicy(true, true, false, DEFAULTS.refusedLoopbackPorts());
        assertNull(new DestinationRules(allowHttp, DNS).urlRule("http://hooks.example.com/x"));
    }

    @Test
    void privateLinkLocalAndSharedNetworksAreRefusedUnlessAllowed() {
        for (String host : List.of("10.0.0.5", "172.16.3.4", "192.168.1.10", "169.254.169.254", "100.64.0.1",
                "[fd00::1]", "[fe80::1]", "0.0.0.0")) {
            String rule = rule("https://" + host + "/x");
            assertTrue(rule != null && rule.startsWith("must not point at a private, link-local or internal network ("),
                    host + ": " + rule);
            assertTrue(rule.endsWith("); allow it with shiplog.webhooks.allow-private-networks"), rule);
        }
        DestinationPolicy allowPrivate = new DestinationPolicy(false, true, true, DEFAULTS.refusedLoopbackPorts());
        assertNull(new DestinationRules(allowPrivate, DNS).urlRule("https://192.168.1.10/x"));
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesToNow() {
        assertEquals("must not point at a private, link-local or internal network (10.1.2.3); allow it with"
                + " shiplog.webhooks.allow-private-networks", rule("https://intranet.example.com/x"));
        assertEquals("must not point at a private, link-local or internal network (192.168.0.7); allow it with"
                + " shiplog.webhooks.allow-private-networks", rule("https://split.example.com/x"));
        // a public name that now resolves to this machine is this machine: its rules apply
        assertEquals("must not point at one of the platform's own ports (127.0.0.1:8080)",
                rule("https://rebound.example.com:8080/x"));
    }

    @Test
    void aNameThatDoesNotResolveOrABadLiteralIsRefused() {
        assertEquals("names a host that does not resolve (nowhere.example.com)", rule("https://nowhere.example.com/x"));
        assertEquals("must be an absolute http(s) URL", rule("https://999.1.1.1/x")); // not a host to java.net.URI
        assertEquals("must name a valid host", new DestinationRules(DEFAULTS, host -> List.of())
                .urlRule("https://93.184.215.14/x"));
    }

    @Test
    void thisMachineIsAllowedButNeverThePlatformsOwnPorts() {
        assertNull(rule("http://127.0.0.1:9000/hook"));
        assertNull(rule("http://localhost:9000/hook"));
        assertNull(rule("http://[::1]:9000/hook"));
        assertEquals("must not point at one of the platform's own ports (127.0.0.1:8080)", rule("http://127.0.0.1:8080/x"));
        assertEquals("must not point at one of the platform's own ports (localhost:15432)",
                rule("http://localhost:15432/x"));
        assertEquals("must not point at one of the platform's own ports (api.localhost:9092)",
                rule("http://api.localhost:9092/x"));
        // no port: the scheme's
        DestinationPolicy port80 = new DestinationPolicy(false, true, false, Set.of(80));
        assertEquals("must not point at one of the platform's own ports (127.0.0.1:80)",
                new DestinationRules(port80, DNS).urlRule("http://127.0.0.1/x"));
    }

    @Test
    void thisMachineIsRefusedWhenLoopbackIsNotAllowed() {
        DestinationPolicy noLoopback = new DestinationPolicy(false, false, false, Set.of());
        DestinationRules rules = new DestinationRules(noLoopback, DNS);
        assertEquals("must not point at this machine (127.0.0.1); allow it with shiplog.webhooks.allow-loopback",
                rules.urlRule("http://127.0.0.1:9000/x"));
        assertEquals("must not point at this machine (localhost); allow it with shiplog.webhooks.allow-loopback",
                rules.urlRule("http://localhost:9000/x"));
    }

    @Test
    void localhostIsThisMachineWithoutAskingAResolver() {
        Resolver none = host -> {
            throw new AssertionError("resolved " + host);
        };
        assertNull(new DestinationRules(DEFAULTS, none).urlRule("http://localhost:9000/x"));
    }

    @Test
    void anEmailAddressIsLocalAtDomainAndNothingElse() {
        assertNull(DestinationRules.emailRule("ops@example.com"));
        assertNull(DestinationRules.emailRule("first.last+shiplog@mail.example.co.uk"));
        for (String bad : List.of("a@b\r\nBcc: c@d", "no-at-sign", "@example.com", "a@", "a b@example.com",
                "a@-example.com", "<a@example.com>")) {
            assertEquals("must be an email address (local@domain)", DestinationRules.emailRule(bad), bad);
        }
        assertEquals("must be at most 254 characters",
                DestinationRules.emailRule("a".repeat(64) + "@" + "b".repeat(190) + ".example"));
    }
}
