package dev.shiplog.kit.messaging;

import dev.shiplog.schema.Topics;
import java.util.List;

/**
 * A consumer of the log: its name (its consumer group, and its key in {@code processed_event}), the topics it reads
 * and what one event changes. {@link EventHandler} applies each event once, in a transaction; a rebuild
 * ({@code dev.shiplog.kit.rebuild}) replays every topic from offset zero through the same {@link #apply}, with
 * {@link Delivery#replay()} set so that nothing is published or run again.
 */
public interface Projection {

    /** The consumer group, also the consumer's name in {@code processed_event}. */
    String consumer();

    /** The topics it is built from. */
    List<Topics.Topic> topics();

    /** What {@code delivery} changes; runs inside the transaction that records its event id. */
    void apply(Delivery delivery);

    /** What to do when an event turns out poison (bring what it was about to a final state); in a transaction. */
    default void onPoison(Delivery delivery, String reason) {
    }

    /** False for a consumer whose tables are not derived from the log alone (a command handler): not rebuilt. */
    default boolean rebuildable() {
        return true;
    }
}
