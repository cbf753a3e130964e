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

    /**
     * A two-objective serving surface over concurrency c and max_tokens m: request latency
     * 50 + m·(8 + 0.08·c) ms and output throughput 1000·c·m / latency tokens/s, until the KV cache
     * (c·(512 + m) tokens against a budget of 80000) overflows; past it throughput falls with the square of
     * the overflow and latency grows with it. Returns {throughput, latency}.
     */
    static double[] throughputAndLatency(double c, double m) {
        double latency = 50 + m * (8 + 0.08 * c);
        double throughput = 1000 * c * m / latency;
        double over = c * (512 + m) / 80000.0;
        if (over > 1) {
            throughput /= over * over;
            latency *= over;
        }
        return new double[]{throughput, latency};
    }
}
