package dev.aiperf.engine.api.model;


/**
 * One metric statistic that the comparison judges, e.g. {@code request_latency_p99}.
 *
 * <p>A change counts only when it exceeds both {@code tolerancePercent} of the baseline and {@code absoluteFloor}
 * (in the metric's display unit), so that a 6% change of a 2 ms latency does not fail a build.
 *
 * @param tag              the metric tag as in {@code profile_export_aiperf.json}, e.g. {@code request_latency}
 * @param stat             the per-run statistic, e.g. {@code p99} or {@code avg}
 * @param direction        which way is better
 * @param tolerancePercent allowed worsening in percent of the baseline mean
 * @param absoluteFloor    changes smaller than this (display unit) never count
 * @param optional         when true the metric is left out silently if neither side has it
 */
public record ComparedMetric(
        String tag, String stat, MetricDirection direction, double tolerancePercent, double absoluteFloor,
        boolean optional) {

    /** Default tolerance in percent of the baseline. */
    public static final double DEFAULT_TOLERANCE_PERCENT = 5.0;

    public ComparedMetric {
        if (!(tolerancePercent >= 0) || Double.isInfinite(tolerancePercent)) {
            throw new ConfigException("tolerance of " + tag + "_" + stat + " must be a finite percentage >= 0; got "
                    + tolerancePercent);
        }
        if (!(absoluteFloor >= 0) || Double.isInfinite(absoluteFloor)) {
            throw new ConfigException("absolute floor of " + tag + "_" + stat + " must be finite and >= 0; got "
                    + absoluteFloor);
        }
    }

    /** The flattened key used in aggregates and on the command line: {@code <tag>_<stat>}. */
    public String key() {
        return tag + "_" + stat;
    }

    public ComparedMetric withTolerancePercent(double percent) {
        return new ComparedMetric(tag, stat, direction, percent, absoluteFloor, optional);
    }

    public ComparedMetric withAbsoluteFloor(double floor) {
        return new ComparedMetric(tag, stat, direction, tolerancePercent, floor, optional);
    }

    /**
     * The metric named by a key such as {@code time_to_first_token_p99}, with the default tolerance and the
     * default floor for its kind (1 ms for request latency and TTFT, 0.1 ms for inter-token latencies,
     * 0.1 percentage points for the error rate, none for throughputs).
     *
     * @throws ConfigException if the key does not end in a known statistic or the metric's direction is unknown
     */
    public static ComparedMetric parse(String key) {
        String k = key == null ? "" : key.trim();
        int cut = k.lastIndexOf('_');
        String stat = cut > 0 ? k.substring(cut + 1) : "";
        if (!StatKeys.ALL.contains(stat)) {
            throw new ConfigException("metric '" + key + "' must be <tag>_<stat> with stat one of " + StatKeys.ALL
                    + ", e.g. request_latency_p99 or request_throughput_avg");
        }
        String tag = k.substring(0, cut);
        MetricDirection direction = MetricDirection.of(tag);
        if (direction == null) {
            throw new ConfigException("metric '" + key + "': no known direction for '" + tag
                    + "'; compare one of request_throughput, output_token_throughput, total_token_throughput,"
                    + " goodput, good_request_fraction, request_latency, time_to_first_token,"
                    + " time_to_second_token, inter_token_latency, inter_chunk_latency, request_error_rate");
        }
        return new ComparedMetric(tag, stat, direction, DEFAULT_TOLERANCE_PERCENT, defaultFloor(tag), false);
    }

    private static double defaultFloor(String tag) {
        return switch (tag) {
            case "request_latency", "time_to_first_token", "time_to_second_token" -> 1.0;
            case "inter_token_latency", "inter_chunk_latency" -> 0.1;
            case "request_error_rate" -> 0.1;
            default -> 0.0;
        };
    }
}
