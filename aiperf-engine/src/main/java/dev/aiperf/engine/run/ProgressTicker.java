package dev.aiperf.engine.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tells a progress listener about a running phase at a fixed interval, on its own daemon thread so that the
 * sending thread never waits for a display.
 */
final class ProgressTicker {
    private final ScheduledExecutorService executor;

    private ProgressTicker(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts ticking; with {@link ProgressListener#NONE} no thread is started. */
    static ProgressTicker start(String phaseName, ProgressListener listener, long intervalMillis,
            Supplier<PhaseProgress> snapshot) {
        if (listener == ProgressListener.NONE) {
            return new ProgressTicker(null);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aiperf-progress-" + phaseName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(() -> {
            try {
                listener.onProgress(snapshot.get());
            } catch (RuntimeException e) {
                // A failing progress display must not stop the measurement.
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return new ProgressTicker(executor);
    }

    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
