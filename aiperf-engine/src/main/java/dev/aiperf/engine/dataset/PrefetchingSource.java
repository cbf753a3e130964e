package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;

import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads, parses and tokenizes a file's conversations on its own daemon thread, ahead of the sender, into a bounded
 * queue: the thread that sends requests only takes finished conversations, and memory holds at most
 * {@code capacity} of them however long the file is.
 *
 * <p>A failure of the reader (an entry that became invalid, an unreadable file) is handed over in order and thrown
 * from {@link #next()} as the reader's {@link ConfigException}, naming file and line. {@link #close()} stops the
 * thread and releases the file. When the calling thread is interrupted while waiting, {@code next()} returns null
 * and leaves the interrupt flag set.
 */
public final class PrefetchingSource implements ConversationSource {

    /** Conversations read ahead by default. */
    public static final int DEFAULT_CAPACITY = 1024;

    private static final Object END = new Object();

    private final ConversationSource reader;
    private final DatasetFileSummary summary;
    private final boolean timed;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private boolean ended;

    /** A failure of the reading thread, queued after the conversations read before it. */
    private record Failure(RuntimeException error) {
    }

    PrefetchingSource(ConversationSource reader, DatasetFileSummary summary, boolean timed, int capacity) {
        this.reader = reader;
        this.summary = summary;
        this.timed = timed;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::readAhead, "aiperf-dataset-" + summary.path().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void readAhead() {
        try {
            Conversation c;
            while (!closed && (c = reader.next()) != null) {
                queue.put(c);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // close() stops the thread; nobody takes what is left.
        } catch (ConfigException | UncheckedIOException e) {
            offer(e);
        } catch (RuntimeException e) {
            offer(new IllegalStateException("reading " + summary.path() + " failed", e));
        } finally {
            reader.close();
        }
    }

    private void offer(RuntimeException e) {
        if (closed) {
            return;
        }
        try {
            queue.put(new Failure(e));
        } catch (InterruptedException ignored) {
            // Closed while handing over the failure: nobody will ask any more.
        }
    }

    @Override
    public Conversation next() {
        if (ended || closed) {
            return null;
        }
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (o == END) {
            ended = true;
            return null;
        }
        if (o instanceof Failure f) {
            ended = true;
            throw f.error;
        }
        return (Conversation) o;
    }

    /**
     * Waits until the queue is full, the file is read or {@code timeoutMillis} passed. A run calls it before its clock
     * starts: the reader's first entries pay for warming up (the corpus tokenized once, code not yet compiled), and a
     * fixed schedule that started while the queue was still empty would send its first seconds late.
     */
    public void awaitFilled(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!closed && queue.remainingCapacity() > 0 && thread.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What the validating scan before reading found. */
    public DatasetFileSummary summary() {
        return summary;
    }

    @Override
    public boolean timed() {
        return timed;
    }

    @Override
    public boolean multiTurn() {
        return summary.multiTurn();
    }

    /** Stops the reading thread (waiting up to a second for it to release the file) and drops what it read ahead. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }
}
