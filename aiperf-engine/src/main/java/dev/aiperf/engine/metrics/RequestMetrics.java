package dev.aiperf.engine.metrics;

import dev.aiperf.engine.client.RequestRecord.RequestError;
import dev.aiperf.engine.client.RequestRecord;

/**
 * The metric values of one request, computed from its {@link RequestRecord} and dropped once recorded.
 * Times in nanoseconds; {@link #ABSENT} marks a metric that does not apply (e.g. TTFT when not streaming).
 *
 * <ul>
 *   <li>request_latency = last content response − start</li>
 *   <li>time_to_first_token = first content response − start (streaming)</li>
 *   <li>time_to_second_token = second − first content response (streaming, ≥ 2 responses)</li>
 *   <li>inter_token_latency = (request_latency − TTFT) / (OSL − 1) (streaming, OSL ≥ 2)</li>
 *   <li>inter_chunk_latency = gaps between consecutive content responses, all &gt; 0 (streaming)</li>
 *   <li>output_token_throughput_per_user = 1 / ITL in seconds</li>
 *   <li>open loop: latency and TTFT from the intended start, and schedule_lag = start − intended start</li>
 * </ul>
 * A record without error but without any content response counts as an error of type {@code no_response}.
 */
final class RequestMetrics {
    static final long ABSENT = Long.MIN_VALUE;

    final RequestError error;
    long latency = ABSENT;
    long ttft = ABSENT;
    long ttst = ABSENT;
    double itl = Double.NaN;
    double otpu = Double.NaN;
    long[] gaps;
    long isl = ABSENT;
    long osl = ABSENT;
    long latencyFromIntended = ABSENT;
    long ttftFromIntended = ABSENT;
    long scheduleLag = ABSENT;

    private RequestMetrics(RequestError error) {
        this.error = error;
    }

    boolean valid() {
        return error == null;
    }

    static RequestMetrics of(RequestRecord r, boolean streaming, boolean openLoop) {
        long[] resp = r.responseNanos() == null ? new long[0] : r.responseNanos();
        RequestError error = r.error();
        if (error == null && resp.length == 0) {
            error = new RequestError("no_response", null, "the request succeeded but no content response arrived");
        }
        RequestMetrics m = new RequestMetrics(error);
        boolean open = openLoop || r.intendedStartNanos() != r.startNanos();
        if (open) {
            m.scheduleLag = r.startNanos() - r.intendedStartNanos();
        }
        if (error != null) {
            return m;
        }
        long start = r.startNanos();
        m.latency = resp[resp.length - 1] - start;
        if (r.inputTokens() >= 0) {
            m.isl = r.inputTokens();
        }
        if (r.outputTokens() >= 0) {
            m.osl = r.outputTokens();
        }
        if (open) {
            m.latencyFromIntended = resp[resp.length - 1] - r.intendedStartNanos();
        }
        if (!streaming) {
            return m;
        }
        m.ttft = resp[0] - start;
        if (open) {
            m.ttftFromIntended = resp[0] - r.intendedStartNanos();
        }
        if (resp.length >= 2) {
            m.ttst = resp[1] - resp[0];
            long[] gaps = new long[resp.length - 1];
            boolean positive = true;
            for (int i = 1; i < resp.length; i++) {
                gaps[i - 1] = resp[i] - resp[i - 1];
                positive &= gaps[i - 1] > 0;
            }
            // AIPerf rejects a request's chunk gaps when any is not positive (clock or parse anomaly).
            m.gaps = positive ? gaps : null;
        }
        if (m.osl >= 2) {
            m.itl = (double) (m.latency - m.ttft) / (m.osl - 1);
            if (m.itl > 0) {
                m.otpu = 1e9 / m.itl;
            }
        }
        return m;
    }

    /** The single value of {@code tag} in its display unit, or NaN when absent or not a per-request scalar. */
    double displayValue(MetricTag tag) {
        return switch (tag) {
            case REQUEST_LATENCY -> ms(latency);
            case TIME_TO_FIRST_TOKEN -> ms(ttft);
            case TIME_TO_SECOND_TOKEN -> ms(ttst);
            case INTER_TOKEN_LATENCY -> itl / 1e6;
            case OUTPUT_TOKEN_THROUGHPUT_PER_USER -> otpu;
            case INPUT_SEQUENCE_LENGTH -> isl == ABSENT ? Double.NaN : isl;
            case OUTPUT_SEQUENCE_LENGTH -> osl == ABSENT ? Double.NaN : osl;
            case REQUEST_LATENCY_FROM_INTENDED_START -> ms(latencyFromIntended);
            case TIME_TO_FIRST_TOKEN_FROM_INTENDED_START -> ms(ttftFromIntended);
            case SCHEDULE_LAG -> ms(scheduleLag);
            default -> Double.NaN;
        };
    }

    private static double ms(long ns) {
        return ns == ABSENT ? Double.NaN : ns / 1e6;
    }
}
