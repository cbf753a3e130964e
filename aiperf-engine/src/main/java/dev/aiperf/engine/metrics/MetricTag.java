package dev.aiperf.engine.metrics;

import java.util.Locale;

/**
 * Every metric a run exports, with AIPerf's tag, header and display unit.
 *
 * <p>Record metrics have one value (or, for {@code inter_chunk_latency}, a list of values) per request and are
 * exported with full statistics; aggregate metrics are one number per run, exported as {@code unit} + {@code avg}.
 * Time metrics are kept in nanoseconds and displayed in milliseconds ({@link #displayScale()}).
 * The {@code *_from_intended_start}, {@code schedule_lag}, {@code target_request_rate} and
 * {@code achieved_request_rate} tags are this project's open-loop additions; AIPerf has no equivalent.
 */
public enum MetricTag {
    REQUEST_LATENCY("Request Latency", "ms", Kind.RECORD, false),
    TIME_TO_FIRST_TOKEN("Time to First Token", "ms", Kind.RECORD, false),
    TIME_TO_SECOND_TOKEN("Time to Second Token", "ms", Kind.RECORD, false),
    INTER_TOKEN_LATENCY("Inter Token Latency", "ms", Kind.RECORD, false),
    INTER_CHUNK_LATENCY("Inter Chunk Latency", "ms", Kind.RECORD, false),
    OUTPUT_TOKEN_THROUGHPUT_PER_USER("Output Token Throughput Per User", "tokens/sec/user", Kind.RECORD, true),
    INPUT_SEQUENCE_LENGTH("Input Sequence Length", "tokens", Kind.RECORD, false),
    OUTPUT_SEQUENCE_LENGTH("Output Sequence Length", "tokens", Kind.RECORD, false),
    REQUEST_LATENCY_FROM_INTENDED_START("Request Latency From Intended Start", "ms", Kind.RECORD, false),
    TIME_TO_FIRST_TOKEN_FROM_INTENDED_START("Time to First Token From Intended Start", "ms", Kind.RECORD, false),
    SCHEDULE_LAG("Schedule Lag", "ms", Kind.RECORD, false),

    REQUEST_THROUGHPUT("Request Throughput", "requests/sec", Kind.AGGREGATE, true),
    OUTPUT_TOKEN_THROUGHPUT("Output Token Throughput", "tokens/sec", Kind.AGGREGATE, true),
    TOTAL_TOKEN_THROUGHPUT("Total Token Throughput", "tokens/sec", Kind.AGGREGATE, true),
    REQUEST_COUNT("Request Count", "requests", Kind.AGGREGATE, true),
    ERROR_REQUEST_COUNT("Error Request Count", "requests", Kind.AGGREGATE, false),
    REQUEST_ERROR_RATE("Request Error Rate", "%", Kind.AGGREGATE, false),
    CANCELLED_REQUEST_COUNT("Cancelled Request Count", "requests", Kind.AGGREGATE, false),
    BENCHMARK_DURATION("Benchmark Duration", "sec", Kind.AGGREGATE, false),
    GOODPUT("Goodput", "requests/sec", Kind.AGGREGATE, true),
    GOOD_REQUEST_COUNT("Good Request Count", "requests", Kind.AGGREGATE, true),
    GOOD_REQUEST_FRACTION("Good Request Fraction", "ratio", Kind.AGGREGATE, true),
    TARGET_REQUEST_RATE("Target Request Rate", "requests/sec", Kind.AGGREGATE, true),
    ACHIEVED_REQUEST_RATE("Achieved Request Rate", "requests/sec", Kind.AGGREGATE, true);

    /** Whether a metric has per-request values (full statistics) or one value per run. */
    public enum Kind { RECORD, AGGREGATE }

    private final String tag;
    private final String header;
    private final String unit;
    private final Kind kind;
    private final boolean largerIsBetter;

    MetricTag(String header, String unit, Kind kind, boolean largerIsBetter) {
        this.tag = name().toLowerCase(Locale.ROOT);
        this.header = header;
        this.unit = unit;
        this.kind = kind;
        this.largerIsBetter = largerIsBetter;
    }

    /** The snake_case tag used as JSON key and in SLOs, e.g. {@code time_to_first_token}. */
    public String tag() {
        return tag;
    }

    /** The human-readable name used in CSV rows and the console table. */
    public String header() {
        return header;
    }

    /** The display unit. */
    public String unit() {
        return unit;
    }

    public Kind kind() {
        return kind;
    }

    /** True when a larger value is better (throughputs): SLOs on it are met by {@code value >= threshold}. */
    public boolean largerIsBetter() {
        return largerIsBetter;
    }

    /**
     * True for the metrics measured only on streamed responses (token timing): a non-streaming request has one
     * response, so it has no first token apart from its last.
     */
    public boolean streamingOnly() {
        return switch (this) {
            case TIME_TO_FIRST_TOKEN, TIME_TO_SECOND_TOKEN, INTER_TOKEN_LATENCY, INTER_CHUNK_LATENCY,
                    OUTPUT_TOKEN_THROUGHPUT_PER_USER, TIME_TO_FIRST_TOKEN_FROM_INTENDED_START -> true;
            default -> false;
        };
    }

    /** Divisor from the stored unit to the display unit: 1e6 for times (ns to ms), 1 otherwise. */
    public double displayScale() {
        return "ms".equals(unit) ? 1e6 : 1.0;
    }

    /** The tag called {@code tag}, or {@code null}. */
    public static MetricTag fromTag(String tag) {
        for (MetricTag t : values()) {
            if (t.tag.equals(tag)) {
                return t;
            }
        }
        return null;
    }
}
