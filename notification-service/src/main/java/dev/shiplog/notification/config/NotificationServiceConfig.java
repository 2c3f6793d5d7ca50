package dev.shiplog.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the notification-service, under {@code shiplog.}. */
@ConfigMapping(prefix = "shiplog")
public interface NotificationServiceConfig {

    /** How long the handler waits for the broker to acknowledge a NotificationDelivered before giving up. */
    @WithDefault("12s")
    Duration publishTimeout();
}
