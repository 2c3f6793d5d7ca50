package dev.shiplog.notification.domain.destination;

import dev.shiplog.schema.rules.GitSources;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a webhook or a chat message may be sent, and where an email may go. A URL must be absolute https (http only
 * to this machine, or where the policy allows it), with a port from 1 to 65535, without credentials in it, and not
 * lead to a private, link-local or shared network (unless allowed) nor to one of the platform's own ports on this
 * machine. The address rules are decided on what the host resolves to, given by a {@link Resolver}: when a
 * subscription is made and again before each attempt (a name that resolved to a public address yesterday may not
 * today).
 */
public final class DestinationRules {

    public static final int MAX_URL = 2000;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_PORT = 65535;
    static final String NOT_HTTPS = "must be https (plain http only to this machine, or with shiplog.webhooks.allow-http)";
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
            + "[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private final DestinationPolicy policy;
    private final Resolver resolver;

    public DestinationRules(DestinationPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** A URL taken apart: its scheme (lower case), host (lower case, no brackets) and port (the default if none). */
    public record Target(String scheme, String host, int port) {

        /** {@code localhost} and its subdomains: this machine, without asking a resolver. */
        boolean namesThisMachine() {
            return host.equals("localhost") || host.endsWith(".localhost");
        }

        /** An address literal (IPv4 digits and dots, or IPv6) rather than a name. */
        boolean literal() {
            return host.contains(":") || host.matches("[0-9.]+");
        }
    }

    /** Why {@code url} may not receive deliveries, or null. */
    public String urlRule(String url) {
        String rule = syntaxRule(url);
        if (rule != null) {
            return rule;
        }
        Target target = target(url);
        if (target.namesThisMachine()) {
            return loopbackRule(target, target.host());
        }
        List<InetAddress> addresses = resolver.resolve(target.host());
        if (addresses == null || addresses.isEmpty()) {
            return target.literal() ? "must name a valid host"
                    : "names a host that does not resolve (" + target.host() + ")";
        }
        return addressesRule(target, addresses);
    }

    /** Why {@code url} is not a URL deliveries may go to, on its form alone (nothing resolved), or null. */
    public static String syntaxRule(String url) {
        if (url.length() > MAX_URL) {
            return "must be at most " + MAX_URL + " characters";
        }
        if (url.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "must not contain spaces or control characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute http(s) URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "must be an absolute http(s) URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials (user:password@)";
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > MAX_PORT)) {
            return "must have a port from 1 to " + MAX_PORT + " (" + uri.getPort() + ")";
        }
        return null;
    }

    /** The target of a URL that passed {@link #syntaxRule}. */
    public static Target target(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Target(scheme, host, port);
    }

    /** Why {@code target} may not be reached at {@code addresses} (what its host resolves to), or null. */
    public String addressesRule(Target target, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            String rule = addressRule(target, address);
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    private String addressRule(Target target, InetAddress address) {
        if (address.isLoopbackAddress()) {
            return loopbackRule(target, address.getHostAddress());
        }
        if (target.scheme().equals("http") && !policy.allowHttp()) {
            return NOT_HTTPS;
        }
        if (!policy.allowPrivateNetworks() && GitSources.addressRule(address) != null) {
            return "must not point at a private, link-local or internal network (" + address.getHostAddress()
                    + "); allow it with shiplog.webhooks.allow-private-networks";
        }
        return null;
    }

    private String loopbackRule(Target target, String host) {
        if (!policy.allowLoopback()) {
            return "must not point at this machine (" + host + "); allow it with shiplog.webhooks.allow-loopback";
        }
        if (policy.refusedLoopbackPorts().contains(target.port())) {
            return "must not point at one of the platform's own ports (" + host + ":" + target.port() + ")";
        }
        return null;
    }

    /** Why {@code address} may not receive email, or null. */
    public static String emailRule(String address) {
        if (address.length() > MAX_EMAIL) {
            return "must be at most " + MAX_EMAIL + " characters";
        }
        return EMAIL.matcher(address).matches() ? null : "must be an email address (local@domain)";
    }
}
