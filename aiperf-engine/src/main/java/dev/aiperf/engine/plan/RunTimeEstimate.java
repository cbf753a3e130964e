package dev.aiperf.engine.plan;

import dev.aiperf.engine.config.BenchmarkBinder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.sweep.DottedPath;

/**
 * A rough duration of one run, from the phases of its body, for the dry-run plan. Per phase:
 * <ul>
 *   <li>with {@code duration}: duration + grace period (default 30 s), the longest the phase can take;</li>
 *   <li>else with {@code requests} (or {@code sessions}) and {@code rate}: requests / rate;</li>
 *   <li>else with {@code requests} (or {@code sessions}): requests × {@link #NOMINAL_REQUEST_SECONDS} /
 *       concurrency (default 1), i.e. a closed loop of requests taking a nominal second each;</li>
 *   <li>otherwise the binder's default of {@link BenchmarkBinder#DEFAULT_REQUEST_COUNT} requests, as above.</li>
 * </ul>
 * Warmup phases are skipped when the run drops them. Real durations depend on the server; this only sizes the job.
 */
public final class RunTimeEstimate {
    /** The latency assumed per request when a phase is bounded by a request count alone. */
    public static final double NOMINAL_REQUEST_SECONDS = 1.0;

    private RunTimeEstimate() {
    }

    public static double seconds(ObjectNode body, boolean skipWarmup) {
        JsonNode phases = body.get("phases");
        if (phases == null || !phases.isArray()) {
            return 0;
        }
        double total = 0;
        for (JsonNode p : phases) {
            if (skipWarmup && DottedPath.isWarmup(p)) {
                continue;
            }
            total += phaseSeconds(p);
        }
        return total;
    }

    static double phaseSeconds(JsonNode p) {
        Double duration = num(p, "duration");
        if (duration != null) {
            Double grace = num(p, "grace_period");
            return duration + (grace == null ? PhaseConfig.DEFAULT_GRACE_PERIOD_SECONDS : grace);
        }
        Double requests = num(p, "requests");
        if (requests == null) {
            requests = num(p, "sessions");
        }
        if (requests == null) {
            requests = (double) BenchmarkBinder.DEFAULT_REQUEST_COUNT;
        }
        Double rate = num(p, "rate");
        if (rate != null && rate > 0) {
            return requests / rate;
        }
        Double conc = num(p, "concurrency");
        return requests * NOMINAL_REQUEST_SECONDS / (conc == null || conc < 1 ? 1 : conc);
    }

    private static Double num(JsonNode p, String key) {
        JsonNode v = p.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }
}
