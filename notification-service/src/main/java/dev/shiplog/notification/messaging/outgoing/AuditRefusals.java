package dev.shiplog.notification.messaging.outgoing;

import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.kit.access.RefusalLog;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.schema.audit.CommandRefused;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Calls this service refused for want of a role go to {@code shiplog.audit.events}, for the audit trail. */
@ApplicationScoped
public class AuditRefusals implements RefusalLog {

    private final EventPublisher audit;

    public AuditRefusals(@Channel("audit-events-out") MutinyEmitter<SpecificRecord> emitter,
            NotificationServiceConfig config) {
        this.audit = new EventPublisher("audit-events-out", emitter, config.publishTimeout());
    }

    @Override
    public void record(String key, CommandRefused refused) {
        audit.publish(key, refused);
    }
}
