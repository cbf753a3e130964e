package dev.aiperf.engine.search;

import java.util.List;

/**
 * The hypervolume reference point of a multi-objective search: each objective's {@code threshold} when
 * given, otherwise the worst observed value pushed 5% further out. The slack is 5% of the observed range of
 * that objective, or 5% of |worst| when all observations are equal (1.0 if that is zero too), so the worst
 * observed points still add volume.
 */
public final class ReferencePoint {

    static final double SLACK = 0.05;

    private ReferencePoint() {
    }

    /** Reference point in the objectives' own units and directions, from the scored objective vectors. */
    public static double[] of(List<ObjectiveSpec> objectives, List<double[]> scored) {
        int m = objectives.size();
        double[] ref = new double[m];
        for (int k = 0; k < m; k++) {
            ObjectiveSpec o = objectives.get(k);
            if (o.threshold() != null) {
                ref[k] = o.threshold();
                continue;
            }
            if (scored.isEmpty()) {
                ref[k] = Double.NaN;
                continue;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] p : scored) {
                lo = Math.min(lo, p[k]);
                hi = Math.max(hi, p[k]);
            }
            double range = hi - lo;
            double slack = range > 0 ? SLACK * range : (lo != 0 ? SLACK * Math.abs(lo) : 1.0);
            ref[k] = o.direction() == Direction.MAXIMIZE ? lo - slack : hi + slack;
        }
        return ref;
    }
}
