package dev.shiplog.kit.access;

import dev.shiplog.schema.audit.CommandRefused;

/**
 * Where a service that takes commands records the ones it refused ({@code shiplog.audit.events}), for the audit
 * trail. Services without commands have none.
 */
public interface RefusalLog {

    void record(String key, CommandRefused refused);
}
