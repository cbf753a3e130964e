package dev.aiperf.engine.run;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer of one phase's conversations: later turns due after their delay, user-centric users' turns, and
 * deliberate cancellations. One daemon thread, started on first use, so single-turn phases without cancellation pay
 * nothing. Tasks only send (asynchronously) or abort, so one thread keeps up.
 */
final class TurnScheduler implements AutoCloseable {

    private final String name;
    private ScheduledThreadPoolExecutor executor;
    private boolean closed;

    TurnScheduler(String phaseName) {
        this.name = "aiperf-turns-" + phaseName;
    }

    private synchronized ScheduledThreadPoolExecutor executor() {
        if (closed) {
            return null;
        }
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
        }
        return executor;
    }

    /** Runs {@code task} at monotonic time {@code dueNanos} (at once if past); false once the phase is over. */
    boolean at(long dueNanos, Runnable task) {
        return after(dueNanos - System.nanoTime(), task);
    }

    /** Runs {@code task} after {@code delayNanos}; false once the phase is over. */
    boolean after(long delayNanos, Runnable task) {
        ScheduledThreadPoolExecutor e = executor();
        if (e == null) {
            return false;
        }
        try {
            if (delayNanos <= 0) {
                e.execute(task);
            } else {
                e.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (RejectedExecutionException closing) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
