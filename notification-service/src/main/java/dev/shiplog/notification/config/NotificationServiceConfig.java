package dev.shiplog.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of the notification-service, under {@code shiplog.}. */
@ConfigMapping(prefix = "shiplog")
public interface NotificationServiceConfig {

    /** How long the handler waits for the broker to acknowledge a NotificationDelivered before giving up. */
    @WithDefault("12s")
    Duration publishTimeout();

    /** How long a write waits for this service's own view to show it before answering anyway (read your writes). */
    @WithDefault("5s")
    Duration visibleWithin();

    /** Where users reach the platform (links in what is sent). */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    Delivery delivery();

    Webhooks webhooks();

    /** How deliveries are sent. */
    interface Delivery {
        /** Deliveries in flight at once, on each instance (each subscription has at most one). */
        @WithDefault("16")
        int concurrency();

        /** How long a receiver may take to answer one attempt. */
        @WithDefault("10s")
        Duration timeout();

        /** The pause after a first failed attempt; it doubles with each failure (with jitter) up to maxBackoff. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** How often the dispatcher looks for due deliveries (it is also woken by each new one). */
        @WithDefault("100ms")
        Duration poll();
    }

    /** Where webhooks and chat messages may go. */
    interface Webhooks {
        /** Plain http to a host other than this machine (https is required otherwise). */
        @WithDefault("false")
        boolean allowHttp();

        /** This machine (127.0.0.0/8, ::1, localhost): a receiver of one's own, e.g. in tests. */
        @WithDefault("true")
        boolean allowLoopback();

        /** Private, link-local and shared ranges. */
        @WithDefault("false")
        boolean allowPrivateNetworks();

        /** Ports of this machine a webhook may never be sent to: the platform's own. */
        @WithDefault("8080,8081,8082,8083,8084,8086,9092,9093,15432,3025,3110")
        List<Integer> refusedLoopbackPorts();

        /** How long the secret a rotation replaced still signs beside the new one. */
        @WithDefault("24h")
        Duration secretGrace();
    }
}
