package dev.aiperf.engine.run;

import java.util.concurrent.Semaphore;

/** Slots for in-flight requests whose number can follow a ramp; a completed request frees its slot. */
final class ConcurrencyLimit extends Semaphore {

    private int limit;

    ConcurrencyLimit(int limit) {
        super(limit);
        this.limit = limit;
    }

    /** Moves the number of slots to {@code newLimit}. */
    synchronized void adjust(int newLimit) {
        int delta = newLimit - limit;
        if (delta > 0) {
            release(delta);
        } else if (delta < 0) {
            reducePermits(-delta);
        }
        limit = newLimit;
    }

    synchronized int limit() {
        return limit;
    }
}
