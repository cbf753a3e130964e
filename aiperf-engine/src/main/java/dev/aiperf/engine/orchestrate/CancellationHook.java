package dev.aiperf.engine.orchestrate;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C / SIGTERM into a clean stop: the hook sets the session's cancel flag, then holds the JVM's
 * shutdown until the session has marked the run in flight cancelled and written the aggregates of what finished
 * (at most {@link #MAX_WAIT_SECONDS}).
 */
public final class CancellationHook implements AutoCloseable {

    static final long MAX_WAIT_SECONDS = 60;

    private final AtomicBoolean cancel;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private CancellationHook(AtomicBoolean cancel) {
        this.cancel = cancel;
        this.hook = new Thread(this::onShutdown, "aiperf-shutdown");
    }

    /** Installs the hook; close it when the session has written everything. */
    public static CancellationHook install(AtomicBoolean cancel) {
        CancellationHook h = new CancellationHook(cancel);
        Runtime.getRuntime().addShutdownHook(h.hook);
        return h;
    }

    private void onShutdown() {
        if (done.getCount() == 0) {
            return;
        }
        cancel.set(true);
        System.err.println("\ninterrupted: stopping the run in flight and writing what finished...");
        try {
            done.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it sees the latch released and lets the JVM exit.
        }
    }
}
