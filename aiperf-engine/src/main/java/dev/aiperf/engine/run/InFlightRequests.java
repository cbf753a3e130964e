package dev.aiperf.engine.run;

import dev.aiperf.engine.client.ErrorTypes;
import dev.aiperf.engine.client.InFlightRequest;
import dev.aiperf.engine.client.RequestRecord;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests of one phase that were sent and have not completed, and the tallies of those that have. The
 * sending thread registers a request before sending it, so a completion that arrives on a client thread before
 * {@code send} returns still finds its entry; everything here is safe to use from both.
 */
final class InFlightRequests {

    /** Longest single wait, so a waiting drain notices the cancel flag promptly. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final AtomicBoolean cancel;
    private final ConcurrentHashMap<Long, Slot> requests = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Object drained = new Object();
    private final LongAdder completed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final AtomicLong lastCompletionNanos = new AtomicLong();

    /** The handle of a sent request, filled in once the client returns it. */
    static final class Slot {
        volatile InFlightRequest request;
    }

    InFlightRequests(AtomicBoolean cancel) {
        this.cancel = cancel;
    }

    /** Registers request {@code index} before it is sent; the caller stores the client's handle in the slot. */
    Slot register(long index) {
        Slot slot = new Slot();
        requests.put(index, slot);
        count.incrementAndGet();
        return slot;
    }

    /**
     * Counts a conversation's next turn, due after a delay, as in flight until {@link #undefer()}: a phase must not
     * be seen as drained between a turn's response and its conversation's next request.
     */
    void defer() {
        count.incrementAndGet();
    }

    /** The deferred turn was sent (and registered) or dropped. */
    void undefer() {
        if (count.decrementAndGet() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** Tallies the record of request {@code index} and wakes a drain waiting for the last one. */
    void complete(long index, RequestRecord record) {
        completed.increment();
        if (!record.ok() && !record.deliberatelyCancelled()) {
            errors.increment();
            if (ErrorTypes.CANCELLED.equals(record.error().type())) {
                cancelled.increment();
            }
        }
        lastCompletionNanos.accumulateAndGet(record.endNanos(), Math::max);
        requests.remove(index);
        if (count.decrementAndGet() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    int count() {
        return count.get();
    }

    /** True when nothing is in flight; false on timeout or (when {@code stopOnCancel}) when the run is cancelled. */
    boolean awaitDrained(long timeoutNanos, boolean stopOnCancel) {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        synchronized (drained) {
            while (count.get() > 0) {
                if (stopOnCancel && cancel.get()) {
                    return false;
                }
                long left = deadline == Long.MAX_VALUE ? POLL_NANOS : deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, Math.min(left, POLL_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel.set(true);
                    return false;
                }
            }
        }
        return true;
    }

    /** Cancels every request still in flight; each then completes with a cancelled record. */
    void cancelAll() {
        for (Slot slot : requests.values()) {
            InFlightRequest r = slot.request;
            if (r != null) {
                r.cancel();
            }
        }
    }

    long completed() {
        return completed.sum();
    }

    long errors() {
        return errors.sum();
    }

    long cancelled() {
        return cancelled.sum();
    }

    long lastCompletionNanos() {
        return lastCompletionNanos.get();
    }
}
