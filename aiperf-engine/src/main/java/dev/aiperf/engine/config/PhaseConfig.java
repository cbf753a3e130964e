package dev.aiperf.engine.config;

/**
 * One timing phase. Boxed fields are {@code null} when not set.
 *
 * @param name               unique within the benchmark ({@code warmup}, {@code profiling}, ...)
 * @param type               how requests are issued
 * @param requests           stop after this many requests have been sent (count-based)
 * @param duration           stop sending after this many seconds (duration-based)
 * @param rate               requests per second for open-loop types
 * @param concurrency        closed-loop slots, or the ceiling on in-flight requests for open-loop types
 * @param prefillConcurrency ceiling on requests still waiting for their first token
 * @param gracePeriod        seconds to wait for in-flight requests after a duration phase (default 30)
 * @param excludeFromResults warmup: run but not measured
 * @param seamless           start this phase without waiting for the previous phase's requests to drain
 * @param concurrencyRamp    ramp of concurrency, or {@code null}
 * @param rateRamp           ramp of rate, or {@code null}
 * @param sessions           number of conversations
 * @param users              simulated users (user-centric shapes)
 * @param smoothness         gamma shape parameter
 * @param prefillRamp        ramp of {@code prefill_concurrency}, or {@code null}
 * @param schedule           fixed-schedule replay options (offsets, speed-up), or {@code null} for the defaults
 * @param cancellation       deliberate request cancellation, or {@code null} for none
 */
public record PhaseConfig(
        String name,
        PhaseType type,
        Integer requests,
        Double duration,
        Double rate,
        Integer concurrency,
        Integer prefillConcurrency,
        Double gracePeriod,
        boolean excludeFromResults,
        boolean seamless,
        Ramp concurrencyRamp,
        Ramp rateRamp,
        Integer sessions,
        Integer users,
        Double smoothness,
        Ramp prefillRamp,
        FixedSchedule schedule,
        Cancellation cancellation) {

    /** AIPerf's default grace period for duration-based phases, in seconds. */
    public static final double DEFAULT_GRACE_PERIOD_SECONDS = 30.0;

    /** A phase without prefill ramp, schedule options or cancellation (the common case in code and tests). */
    public PhaseConfig(String name, PhaseType type, Integer requests, Double duration, Double rate, Integer concurrency,
            Integer prefillConcurrency, Double gracePeriod, boolean excludeFromResults, boolean seamless,
            Ramp concurrencyRamp, Ramp rateRamp, Integer sessions, Integer users, Double smoothness) {
        this(name, type, requests, duration, rate, concurrency, prefillConcurrency, gracePeriod, excludeFromResults,
                seamless, concurrencyRamp, rateRamp, sessions, users, smoothness, null, null, null);
    }

    /** The fixed-schedule options, never {@code null}. */
    public FixedSchedule scheduleOrDefault() {
        return schedule == null ? FixedSchedule.DEFAULT : schedule;
    }

    /**
     * How a trace's timestamps become send times (AIPerf's fixed-schedule options).
     *
     * @param autoOffset    subtract the first timestamp, so the first request goes at once (default true)
     * @param startOffsetMs replay only entries at or after this trace time, in ms; {@code null} for the start
     * @param endOffsetMs   replay only entries at or before this trace time, in ms; {@code null} for the end
     * @param speedup       trace time runs this many times faster than real time (default 1)
     */
    public record FixedSchedule(boolean autoOffset, Double startOffsetMs, Double endOffsetMs, double speedup) {
        public static final FixedSchedule DEFAULT = new FixedSchedule(true, null, null, 1.0);
    }

    /**
     * Requests aborted on purpose, to measure a server under clients that give up.
     *
     * @param ratePercent  share of requests cancelled, 0-100 (AIPerf's {@code --request-cancellation-rate})
     * @param delaySeconds seconds after sending at which a chosen request is aborted
     *                     ({@code --request-cancellation-delay}, default 0)
     */
    public record Cancellation(double ratePercent, double delaySeconds) {
    }

    public double gracePeriodOrDefault() {
        return gracePeriod == null ? DEFAULT_GRACE_PERIOD_SECONDS : gracePeriod;
    }
}
