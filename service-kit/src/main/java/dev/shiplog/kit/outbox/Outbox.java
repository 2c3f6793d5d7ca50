package dev.shiplog.kit.outbox;

import dev.shiplog.kit.fault.FaultHooks;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.schema.common.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import dev.shiplog.kit.tx.AfterCommit;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The transactional outbox: an event decided in a transaction is written to the {@code outbox} table in that very
 * transaction, with its fixed event id, and reaches the log only once the transaction committed
 * ({@link OutboxRelay}: right after the commit, in order per key; after a crash or an outage, by the relay's sweep).
 * So whatever instant a process dies, a decision is on the log exactly once: a transaction that did not commit left
 * nothing on the log (its trigger is delivered again and decided again), and one that committed is relayed, once,
 * even if the relay itself died after writing it (the next relay finds it on the log and does not write it again).
 */
@ApplicationScoped
public class Outbox {

    private static final Object PENDING = new Object();

    private final OutboxStore store;
    private final OutboxRelay relay;
    private final LogTail tail;
    private final TransactionSynchronizationRegistry transactions;

    public Outbox(OutboxStore store, OutboxRelay relay, LogTail tail, TransactionSynchronizationRegistry transactions) {
        this.store = store;
        this.relay = relay;
        this.tail = tail;
        this.transactions = transactions;
    }

    /**
     * Adds {@code event} for {@code channel} under {@code key} to the current transaction: it is written to the log
     * once the transaction commits, after the events added before it under the same key.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(EventPublisher channel, String key, SpecificRecord event) {
        Pending pending = pending();
        Integer partition = null;
        Long end = null;
        try {
            partition = tail.partitionOf(channel.topic(), key);
            String where = channel.topic() + "/" + partition;
            end = pending.ends.get(where);
            if (end == null) {
                end = tail.end(channel.topic(), partition);
                pending.ends.put(where, end);
            }
        } catch (Exception e) {
            // the log is away: the relay finds out where the event can be before it writes it
            partition = null;
            end = null;
        }
        long id = store.insert(channel.channel(), key, ((Envelope) event.get(0)).getEventId(),
                event.getClass().getName(), encode(event), partition, end);
        pending.ids.add(id);
        pending.keys.add(key);
        String type = event.getClass().getSimpleName();
        if (FaultHooks.armed("outbox.before-commit", type)) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    FaultHooks.at("outbox.before-commit", type);
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
        }
    }

    /** What the current transaction added: its keys, relayed after the commit, and the log ends it looked up. */
    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(PENDING);
        if (pending == null) {
            Pending fresh = new Pending();
            transactions.putResource(PENDING, fresh);
            AfterCommit.run(transactions, () -> {
                relay.added(fresh.ids);
                fresh.keys.forEach(relay::relayQuietly);
            });
            pending = fresh;
        }
        return pending;
    }

    private static final class Pending {
        final Set<String> keys = new LinkedHashSet<>();
        final List<Long> ids = new ArrayList<>();
        final Map<String, Long> ends = new HashMap<>();
    }

    static byte[] encode(SpecificRecord event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
