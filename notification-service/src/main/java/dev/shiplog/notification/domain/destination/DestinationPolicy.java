package dev.shiplog.notification.domain.destination;

import java.util.Set;

/**
 * What the destination rules allow beyond their defaults ({@code shiplog.webhooks.*}): plain http to another host,
 * this machine, private networks; and the ports of this machine that are never a destination (the platform's own).
 */
public record DestinationPolicy(boolean allowHttp, boolean allowLoopback, boolean allowPrivateNetworks,
        Set<Integer> refusedLoopbackPorts) {

    public DestinationPolicy {
        refusedLoopbackPorts = Set.copyOf(refusedLoopbackPorts);
    }
}
