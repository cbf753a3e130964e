package dev.aiperf.engine.run;

/**
 * A phase's progress at one moment.
 *
 * @param phase          the phase's name
 * @param sent           requests handed to the client so far
 * @param completed      requests whose record has arrived (successful or not)
 * @param errors         completed requests that failed
 * @param inFlight       sent but not yet completed
 * @param elapsedSeconds since the phase started sending
 * @param targetRequests the phase's request count, or {@code null} when it runs for a duration
 * @param targetSeconds  the phase's duration, or {@code null} when it runs for a request count
 */
public record PhaseProgress(String phase, long sent, long completed, long errors, long inFlight, double elapsedSeconds,
        Integer targetRequests, Double targetSeconds) {

    /** Fraction done in [0, 1] by whichever target the phase has. */
    public double fractionDone() {
        double byCount = targetRequests == null || targetRequests == 0 ? 0 : (double) completed / targetRequests;
        double byTime = targetSeconds == null || targetSeconds <= 0 ? 0 : elapsedSeconds / targetSeconds;
        return Math.min(1.0, Math.max(byCount, byTime));
    }
}
