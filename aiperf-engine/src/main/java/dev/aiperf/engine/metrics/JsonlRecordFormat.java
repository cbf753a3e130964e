package dev.aiperf.engine.metrics;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.aiperf.engine.client.RequestRecord.RequestError;
import dev.aiperf.engine.client.RequestRecord;

/**
 * One line of {@code profile_export.jsonl} in AIPerf's record shape:
 * <pre>{"metadata":{"session_num":0,"benchmark_phase":"profiling","request_start_ns":..,"request_end_ns":..,
 *   "was_cancelled":false},
 *  "metrics":{"request_latency":{"value":12.5,"unit":"ms"}, ..., "inter_chunk_latency":{"value":[..],"unit":"ms"}},
 *  "error":null}</pre>
 * Timestamps are wall-clock epoch nanoseconds; metric values are in display units. Built by hand into a
 * {@link StringBuilder}: it runs once per request on the client's threads, so it avoids a tree per line.
 */
final class JsonlRecordFormat {

    private JsonlRecordFormat() {
    }

    static String format(RequestRecord r, RequestMetrics m) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"metadata\":{\"session_num\":").append(r.index());
        sb.append(",\"benchmark_phase\":");
        string(sb, r.phase());
        sb.append(",\"request_start_ns\":").append(r.wallStartNanos());
        sb.append(",\"request_end_ns\":").append(r.wallStartNanos() + (r.endNanos() - r.startNanos()));
        if (r.intendedStartNanos() != r.startNanos()) {
            sb.append(",\"intended_start_ns\":").append(r.wallStartNanos() - (r.startNanos() - r.intendedStartNanos()));
        }
        if (r.sessionId() != null) {
            sb.append(",\"conversation_id\":");
            string(sb, r.sessionId());
            sb.append(",\"turn_index\":").append(r.turnIndex());
        }
        sb.append(",\"was_cancelled\":").append(m.error != null
                && ("cancelled".equals(m.error.type()) || r.deliberatelyCancelled()));
        sb.append("},\"metrics\":{");
        int before = sb.length();
        for (MetricTag tag : MetricTag.values()) {
            if (tag == MetricTag.INTER_CHUNK_LATENCY) {
                if (m.gaps != null) {
                    comma(sb, before);
                    sb.append("\"inter_chunk_latency\":{\"value\":[");
                    for (int i = 0; i < m.gaps.length; i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        sb.append(m.gaps[i] / 1e6);
                    }
                    sb.append("],\"unit\":\"ms\"}");
                }
                continue;
            }
            double v = m.displayValue(tag);
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                comma(sb, before);
                sb.append('"').append(tag.tag()).append("\":{\"value\":");
                if (tag.unit().equals("tokens")) {
                    sb.append((long) v);
                } else {
                    sb.append(v);
                }
                sb.append(",\"unit\":\"").append(tag.unit()).append("\"}");
            }
        }
        sb.append("},\"error\":");
        RequestError e = m.error;
        if (e == null) {
            sb.append("null");
        } else {
            sb.append("{\"code\":").append(e.code() == null ? "null" : e.code().toString());
            sb.append(",\"type\":");
            string(sb, e.type());
            sb.append(",\"message\":");
            string(sb, e.message());
            sb.append('}');
        }
        return sb.append("}\n").toString();
    }

    private static void comma(StringBuilder sb, int start) {
        if (sb.length() > start) {
            sb.append(',');
        }
    }

    private static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        sb.append('"');
    }
}
