package dev.shiplog.notification.domain.destination;

import java.net.InetAddress;
import java.util.List;

/**
 * What a host resolves to now: the addresses of a name, or the address an address literal spells; empty when it
 * resolves to nothing (or is not a valid literal). The service gives the system resolver; tests give a table.
 */
@FunctionalInterface
public interface Resolver {

    List<InetAddress> resolve(String host);
}
