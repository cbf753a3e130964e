package dev.aiperf.engine.run;

import dev.aiperf.engine.config.Ramp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code prefill_concurrency}: at most this many requests may be waiting for their first token. A request takes a
 * slot before it is sent and frees it when its first content response arrives (or it ends without one). With a
 * {@code prefill_ramp} the ceiling rises linearly from the ramp's start to the target.
 */
final class PrefillLimit {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ConcurrencyLimit slots;
    private final int target;
    private final Ramp ramp;
    private final long startNanos;
    private final AtomicBoolean cancel;

    PrefillLimit(int target, Ramp ramp, long startNanos, AtomicBoolean cancel) {
        this.target = target;
        this.ramp = ramp;
        this.startNanos = startNanos;
        this.cancel = cancel;
        this.slots = new ConcurrencyLimit(LinearRamp.slotsAt(ramp, target, 0));
    }

    /** Blocks for a slot; false when the run was cancelled first. */
    boolean acquire() {
        while (!cancel.get()) {
            double t = (System.nanoTime() - startNanos) / 1e9;
            slots.adjust(LinearRamp.slotsAt(ramp, target, t));
            long wait = Math.min(POLL_NANOS, Math.max(1_000,
                    (long) (LinearRamp.secondsToNextSlot(ramp, target, t) * 1e9)));
            try {
                if (slots.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.set(true);
            }
        }
        return false;
    }

    void release() {
        slots.release();
    }
}
