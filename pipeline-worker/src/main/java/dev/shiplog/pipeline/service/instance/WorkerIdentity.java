package dev.shiplog.pipeline.service.instance;

import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.repository.InstanceStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This worker instance: its id (new at every start), its heartbeat in the database, and since when it has been able
 * to write it without a break. Only an instance that has itself been beating for longer than the orphan silence
 * may judge another one gone: after a database outage every heartbeat is old, and nobody adopts anything until the
 * others had their chance to beat again.
 */
@ApplicationScoped
public class WorkerIdentity {

    private static final Logger LOG = Logger.getLogger(WorkerIdentity.class);

    private final String id;
    private final String host;
    private final InstanceStore instances;
    private volatile Instant beatingSince;

    public WorkerIdentity(InstanceStore instances) {
        this.instances = instances;
        this.host = hostName();
        this.id = host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    @Scheduled(every = "${shiplog.heartbeat:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        try {
            QuarkusTransaction.requiringNew().run(() -> instances.beat(id, host, ProcessHandle.current().pid()));
            if (beatingSince == null) {
                beatingSince = Instant.now();
            }
        } catch (RuntimeException e) {
            if (beatingSince != null) {
                LOG.warnf("heartbeat of %s failed; not judging other instances until it is back: %s", id,
                        Failures.rootMessage(e));
            }
            beatingSince = null;
        }
    }

    /**
     * Whether {@code instance} ran on this machine and its process is gone (it was killed, or it crashed): no
     * silence needs to pass to know it. (A pid reused by another process leaves it to the silence.)
     */
    public boolean goneFromThisMachine(String instance) {
        String[] parts = instance == null ? new String[0] : instance.split(":");
        if (parts.length != 3 || !parts[0].equals(host) || instance.equals(id)) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(parts[1])).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** True once this instance has been beating without a break for {@code silence}. */
    public boolean beatingFor(Duration silence) {
        Instant since = beatingSince;
        return since != null && since.plus(silence).isBefore(Instant.now());
    }

    /** A stopping instance says so, so that what it ran is adopted at once. */
    void leave(@Observes ShutdownEvent event) {
        try {
            QuarkusTransaction.requiringNew().run(() -> instances.leave(id));
        } catch (RuntimeException e) {
            LOG.warnf("could not sign %s off (it will be judged gone after its silence): %s", id,
                    Failures.rootMessage(e));
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 60 ? name.substring(0, 60) : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
