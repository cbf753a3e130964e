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
        Double smoothness) {

    /** AIPerf's default grace period for duration-based phases, in seconds. */
    public static final double DEFAULT_GRACE_PERIOD_SECONDS = 30.0;

    public double gracePeriodOrDefault() {
        return gracePeriod == null ? DEFAULT_GRACE_PERIOD_SECONDS : gracePeriod;
    }
}
