package dev.aiperf.engine.search;

/** Synthetic serving curves for planner tests: shapes like a real server's, known optima. */
final class SyntheticCurves {

    private SyntheticCurves() {
    }

    /**
     * Output throughput vs concurrency: saturating growth up to a KV-cache budget of 300 concurrent requests,
     * then a collapse as requests are preempted. Maximum at c = 300.
     */
    static double throughputWithKvCollapse(double c) {
        double base = 50.0 * c / (1.0 + c / 64.0);
        return c <= 300 ? base : base * (300.0 / c) * (300.0 / c);
    }
}
