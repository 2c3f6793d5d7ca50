package dev.shiplog.notification.channel;

import dev.shiplog.notification.domain.Notification;
import java.util.List;

/**
 * One attempt to send: the delivery (its id, the attempt's number), where it goes and with what signing secrets
 * (opened, the current first), and the notification it carries.
 */
public record Outbound(String deliveryId, int attempt, String subscriptionId, String channel, String url,
        List<String> emails, List<String> secrets, Notification notification) {

    @Override
    public String toString() {
        return "delivery " + deliveryId + " (attempt " + attempt + ", " + channel + ")"; // never the secrets
    }
}
