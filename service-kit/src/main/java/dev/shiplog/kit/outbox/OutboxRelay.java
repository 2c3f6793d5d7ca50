package dev.shiplog.kit.outbox;

import dev.shiplog.kit.fault.FaultHooks;
import dev.shiplog.kit.messaging.EventLogUnavailableException;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.kit.repository.ProjectionGate;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.jboss.logging.Logger;

/**
 * Writes the outbox's events to the log, in the order they were decided per key, and deletes them once the broker
 * has them. One relay per key at a time on every instance (a PostgreSQL advisory lock). A relay writes at once an
 * event this process added and never tried; any other (added by a process that died, or tried before without an
 * answer) it first looks for on the log, from where it can only be ({@code log_partition}, {@code log_end}), and
 * writes only if it is not there: so even a relay killed between writing an event and deleting it never puts that
 * event on the log twice. Right after each commit for its keys; every second for events waiting longer than
 * {@link #STRAGGLERS} (their relay died, or the log was away).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final Duration STRAGGLERS = Duration.ofSeconds(2);

    private final OutboxStore store;
    private final LogTail tail;
    private final ProjectionGate gate;
    private final Instance<EventPublisher> publishers;
    private final Map<String, EventPublisher> channels = new ConcurrentHashMap<>();
    /** Rows this process added and has not tried to write yet: written without looking at the log first. */
    private final Set<Long> untried = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbox-sweep");
        t.setDaemon(true);
        return t;
    });

    public OutboxRelay(OutboxStore store, LogTail tail, ProjectionGate gate, @Any Instance<EventPublisher> publishers) {
        this.store = store;
        this.gate = gate;
        this.tail = tail;
        this.publishers = publishers;
    }

    void start(@Observes StartupEvent event) {
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }

    /** Rows a transaction of this process added and committed: the relay writes them without looking first. */
    void added(List<Long> ids) {
        untried.addAll(ids);
    }

    /** Relays the key's waiting events; a failure (the log or the database away) is left to the sweep. */
    public void relayQuietly(String key) {
        try {
            relay(key);
        } catch (RuntimeException e) {
            LOG.debugf("outbox of %s not relayed now (the sweep tries again): %s", key, Failures.rootMessage(e));
        }
    }

    /** Writes every event waiting under {@code key} to the log, in order, then deletes them. */
    public void relay(String key) {
        while (QuarkusTransaction.requiringNew().call(() -> relayOnce(key))) {
            // where some rows can be on the log was recorded first (committed): now they can be written
        }
    }

    /** Whether the key has events waiting (they must reach the log before anything written about it directly). */
    public boolean waiting(String key) {
        return QuarkusTransaction.requiringNew().call(() -> store.waiting(key));
    }

    private boolean relayOnce(String key) {
        gate.enter(); // a rebuild's switch carries the outbox over: no relay meanwhile
        store.lock(key);
        List<OutboxStore.Row> rows = store.rows(key);
        if (rows.isEmpty()) {
            return false;
        }
        boolean located = false;
        for (OutboxStore.Row row : rows) {
            if (row.logEnd() == null) {
                EventPublisher channel = channel(row.channel());
                try {
                    int partition = tail.partitionOf(channel.topic(), key);
                    store.whereOnTheLog(row.id(), partition, tail.end(channel.topic(), partition));
                    located = true;
                } catch (Exception e) {
                    throw new EventLogUnavailableException("the log is away: " + Failures.rootMessage(e), e);
                }
            }
        }
        if (located) {
            return true; // committed before anything is written, so that a crash in between is found out
        }
        Map<String, Set<String>> onTheLog = new HashMap<>();
        List<Long> done = new ArrayList<>();
        for (OutboxStore.Row row : rows) {
            EventPublisher channel = channel(row.channel());
            if (!untried.remove(row.id())) {
                String where = channel.topic() + "/" + row.partition();
                Set<String> there = onTheLog.get(where);
                if (there == null) {
                    long from = rows.stream().filter(r -> r.channel().equals(row.channel()))
                            .mapToLong(OutboxStore.Row::logEnd).min().orElse(row.logEnd());
                    try {
                        there = tail.eventIds(channel.topic(), row.partition(), from);
                    } catch (Exception e) {
                        throw new EventLogUnavailableException("could not read " + where + ": "
                                + Failures.rootMessage(e), e);
                    }
                    onTheLog.put(where, there);
                }
                if (there.contains(row.eventId())) {
                    LOG.infof("outbox: %s %s is on the log already (written by a relay that stopped before it was"
                            + " deleted): not written again", row.type(), row.eventId());
                    done.add(row.id());
                    continue;
                }
            }
            channel.publish(key, decode(row));
            FaultHooks.at("outbox.after-send", simpleName(row.type()));
            done.add(row.id());
        }
        store.delete(done);
        return false;
    }

    private void sweep() {
        try {
            for (String key : QuarkusTransaction.requiringNew().call(() -> store.keysWaitingLongerThan(STRAGGLERS))) {
                relayQuietly(key);
            }
        } catch (RuntimeException e) {
            LOG.debugf("outbox sweep skipped: %s", Failures.rootMessage(e));
        }
    }

    private EventPublisher channel(String name) {
        EventPublisher found = channels.get(name);
        if (found == null) {
            for (EventPublisher publisher : publishers) {
                channels.putIfAbsent(publisher.channel(), publisher);
            }
            found = channels.get(name);
            if (found == null) {
                throw new IllegalStateException("the outbox holds an event for channel " + name
                        + ", which this service does not have");
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static SpecificRecord decode(OutboxStore.Row row) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<? extends SpecificRecord> type = (Class<? extends SpecificRecord>) Class.forName(row.type(), true,
                    loader != null ? loader : OutboxRelay.class.getClassLoader());
            return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(row.payload(), null));
        } catch (ClassNotFoundException | IOException e) {
            throw new IllegalStateException("outbox row " + row.id() + " cannot be read as " + row.type(), e);
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
