package dev.shiplog.notification.channel;

import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.schema.rules.GitSources;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a webhook or a chat message may be sent, and where an email may go. A URL must be absolute https (http only
 * to this machine, or where configuration allows it), without credentials in it, and not lead to a private,
 * link-local or shared network (unless allowed) nor to one of the platform's own ports on this machine. The rules
 * are checked when a subscription is made and again, on the addresses the host resolves to, before each attempt.
 */
@ApplicationScoped
public class Destinations {

    public static final int MAX_URL = 2000;
    public static final int MAX_EMAIL = 254;
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
            + "[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private final NotificationServiceConfig.Webhooks rules;

    public Destinations(NotificationServiceConfig config) {
        this.rules = config.webhooks();
    }

    /** Why {@code url} may not receive deliveries, or null; resolves its host when {@code resolve}. */
    public String urlRule(String url, boolean resolve) {
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
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        boolean named = host.equals("localhost") || host.endsWith(".localhost");
        if (named) {
            return loopbackRule(scheme, port, host);
        }
        boolean literal = host.contains(":") || host.matches("[0-9.]+");
        if (!literal && !resolve) {
            return scheme.equals("http") && !rules.allowHttp()
                    ? "must be https (plain http only to this machine, or with shiplog.webhooks.allow-http)" : null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return literal ? "must name a valid host" : "names a host that does not resolve (" + host + ")";
        }
        for (InetAddress address : addresses) {
            String rule = addressRule(scheme, port, address);
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    private String addressRule(String scheme, int port, InetAddress address) {
        if (address.isLoopbackAddress()) {
            return loopbackRule(scheme, port, address.getHostAddress());
        }
        if (scheme.equals("http") && !rules.allowHttp()) {
            return "must be https (plain http only to this machine, or with shiplog.webhooks.allow-http)";
        }
        if (!rules.allowPrivateNetworks() && GitSources.addressRule(address) != null) {
            return "must not point at a private, link-local or internal network (" + address.getHostAddress()
                    + "); allow it with shiplog.webhooks.allow-private-networks";
        }
        return null;
    }

    private String loopbackRule(String scheme, int port, String host) {
        if (!rules.allowLoopback()) {
            return "must not point at this machine (" + host + "); allow it with shiplog.webhooks.allow-loopback";
        }
        if (rules.refusedLoopbackPorts().contains(port)) {
            return "must not point at one of the platform's own ports (" + host + ":" + port + ")";
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
