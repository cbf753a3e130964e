package dev.aiperf.engine.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One trial's per-request timeline (send time vs latency, failures marked), thinned to a point budget so that a
 * 1,000,000-request run still gives a small file: every k-th request by send order, plus every failure up to the
 * same budget, since failures are what a reader looks for. Deterministic: the same file gives the same points.
 */
final class Timeline {

    private Timeline() {
    }

    /**
     * Writes {@code points: [[seconds since the first send, latency ms or null, 1 if failed else 0], ...]} and the
     * counts into {@code out}.
     *
     * @param budget at most this many successful and this many failed points
     */
    static void write(RequestSample s, int budget, ObjectNode out) {
        int n = s.size();
        long first = Long.MAX_VALUE;
        int failures = 0;
        for (int i = 0; i < n; i++) {
            first = Math.min(first, s.startNs(i));
            failures += s.failed(i) ? 1 : 0;
        }
        int ok = n - failures;
        int latency = java.util.Arrays.asList(RequestSample.METRICS).indexOf("request_latency");
        ArrayNode points = out.putArray("points");
        long okStep = Math.max(1, (ok + budget - 1) / Math.max(1, budget));
        long failStep = Math.max(1, (failures + budget - 1) / Math.max(1, budget));
        int okSeen = 0;
        int failSeen = 0;
        for (int i = 0; i < n; i++) {
            boolean failed = s.failed(i);
            boolean keep = failed ? failSeen++ % failStep == 0 : okSeen++ % okStep == 0;
            if (!keep) {
                continue;
            }
            ArrayNode p = points.addArray();
            p.add(round((s.startNs(i) - first) / 1e9, 1e4));
            double v = s.value(latency, i);
            if (Double.isNaN(v)) {
                p.addNull();
            } else {
                p.add(round(v, 1e3));
            }
            p.add(failed ? 1 : 0);
        }
        out.put("requests", n);
        out.put("failed", failures);
        out.put("shown", points.size());
    }

    /** Rounds to 1/scale: a tenth of a millisecond in time, a microsecond in latency, is finer than a pixel. */
    static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
