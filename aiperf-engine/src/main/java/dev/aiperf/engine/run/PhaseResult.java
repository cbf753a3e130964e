package dev.aiperf.engine.run;

import dev.aiperf.engine.config.PhaseType;

/**
 * What one timing phase did.
 *
 * @param name          the phase's name
 * @param type          how it issued requests
 * @param excluded      warmup: its records are not part of the results
 * @param sent          requests handed to the client
 * @param completed     records received (successful and failed; every sent request has one)
 * @param errors        records with an error (including {@code cancelled})
 * @param cancelled     records cancelled by the run (interrupted, or in flight when the grace period ended)
 * @param startNanos    monotonic time the phase started sending
 * @param sendEndNanos  monotonic time it stopped sending
 * @param endNanos      monotonic time its last record arrived
 * @param targetRate    requests/s asked for (open loop), or {@code null} for closed loop
 * @param achievedRate  requests/s actually sent: (sent - 1) / (last send - first send); 0 with fewer than 2
 * @param scheduleLag   how late sends were against their intended times (open loop; all zero for closed loop)
 * @param interrupted   true when the run's cancel flag stopped the phase early
 */
public record PhaseResult(
        String name,
        PhaseType type,
        boolean excluded,
        long sent,
        long completed,
        long errors,
        long cancelled,
        long startNanos,
        long sendEndNanos,
        long endNanos,
        Double targetRate,
        double achievedRate,
        ScheduleLag scheduleLag,
        boolean interrupted) {

    /** Seconds from the first send to the last record. */
    public double durationSeconds() {
        return (endNanos - startNanos) / 1e9;
    }

    /**
     * Lateness of actual sends against the schedule, in milliseconds: start minus intended start per request.
     *
     * @param count  requests measured
     * @param meanMs mean lag
     * @param p50Ms  median lag
     * @param p99Ms  99th percentile lag
     * @param maxMs  largest lag
     */
    public record ScheduleLag(long count, double meanMs, double p50Ms, double p99Ms, double maxMs) {

        /** No scheduled requests (closed loop). */
        public static final ScheduleLag NONE = new ScheduleLag(0, 0, 0, 0, 0);
    }
}
