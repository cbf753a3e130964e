package dev.aiperf.engine.api.model;

/** Which way a metric improves: throughput up is good, latency and error rate down are good. */
public enum MetricDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /**
     * How much worse {@code candidate} is than {@code baseline}: positive when worse, negative when better.
     */
    public double worsening(double baseline, double candidate) {
        return this == LOWER_IS_BETTER ? candidate - baseline : baseline - candidate;
    }

    /** The direction of a metric tag as AIPerf defines it, or {@code null} when the tag is not known. */
    public static MetricDirection of(String tag) {
        return switch (tag) {
            case "request_throughput", "output_token_throughput", "total_token_throughput", "goodput",
                    "good_request_fraction", "good_request_count", "output_token_throughput_per_user",
                    "request_count" -> HIGHER_IS_BETTER;
            case "request_latency", "time_to_first_token", "time_to_second_token", "inter_token_latency",
                    "inter_chunk_latency", "request_error_rate", "error_request_count", "benchmark_duration" ->
                    LOWER_IS_BETTER;
            default -> null;
        };
    }
}
