package dev.aiperf.engine.dataset;

/**
 * The conversations a run sends, in order. Synthetic sources never run out; file sources stream their file (never
 * loaded whole) and either wrap around (a prompt file sent until the phase's stop rule) or end (a trace replayed
 * once, on a fixed schedule). Called from one thread at a time.
 */
public interface ConversationSource extends AutoCloseable {

    /** The next conversation, or {@code null} when a source that ends has no more. */
    Conversation next();

    /** True when every conversation carries a timestamp, so the source can be replayed on a fixed schedule. */
    default boolean timed() {
        return false;
    }

    /** True when some conversation has more than one turn. */
    default boolean multiTurn() {
        return false;
    }

    /** Releases the file, if any. */
    @Override
    default void close() {
    }
}
