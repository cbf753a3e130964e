package dev.aiperf.engine.run;

/**
 * Which requests {@code request_cancellation} aborts: request {@code index} is chosen when a uniform draw seeded by
 * the phase seed and the index falls below {@code ratePercent / 100}. Deterministic, so a re-run with the same seed
 * cancels the same requests, and independent across requests, so the count is binomial.
 */
final class RequestCancellation {

    private RequestCancellation() {
    }

    static boolean chosen(long seed, long index, double ratePercent) {
        if (ratePercent <= 0) {
            return false;
        }
        long z = seed ^ (0xD1B54A32D192ED03L * (index + 1));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double u = (z >>> 11) * 0x1.0p-53;
        return u < ratePercent / 100.0;
    }
}
