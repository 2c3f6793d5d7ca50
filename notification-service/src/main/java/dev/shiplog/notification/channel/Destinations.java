package dev.shiplog.notification.channel;

import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.destination.DestinationPolicy;
import dev.shiplog.notification.domain.destination.DestinationRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * The destination rules ({@link DestinationRules}) as configured ({@code shiplog.webhooks.*}), deciding on what a
 * host resolves to now (the system resolver): when a subscription is made and before each attempt.
 */
@ApplicationScoped
public class Destinations {

    private final DestinationRules rules;

    public Destinations(NotificationServiceConfig config) {
        NotificationServiceConfig.Webhooks w = config.webhooks();
        this.rules = new DestinationRules(new DestinationPolicy(w.allowHttp(), w.allowLoopback(),
                w.allowPrivateNetworks(), Set.copyOf(w.refusedLoopbackPorts())), Destinations::resolve);
    }

    public DestinationRules rules() {
        return rules;
    }

    /** Why {@code url} may not receive deliveries now, or null. */
    public String urlRule(String url) {
        return rules.urlRule(url);
    }

    static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
