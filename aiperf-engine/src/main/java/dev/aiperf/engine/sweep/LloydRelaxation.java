package dev.aiperf.engine.sweep;

import java.util.SplittableRandom;

/**
 * SciPy's {@code optimization="lloyd"} for a Latin hypercube: a few over-relaxed Lloyd–Max iterations that move each
 * point towards the centroid of its Voronoi cell, which spreads the points evenly (at the price of the strict one
 * point per stratum).
 *
 * <p>Schedule as SciPy's {@code _lloyd_centroidal_voronoi_tessellation}: at most 10 iterations with decay
 * exp(−i/root) + 0.9, root = −10 / ln 0.1 (1.9 down to about 1.0); a point whose move would leave [0, 1]^d stays
 * where it is; stop early when the minimum pairwise L1 distance changes by less than 1e-5.
 *
 * <p>The centroid differs in how it is computed: SciPy averages the vertices of each Voronoi cell that qhull
 * returns (dropping the vertex at infinity of an unbounded cell); without qhull, the centroid here is that of the
 * cell clipped to the unit cube, estimated from {@value #REFERENCE_PER_POINT}·n seeded uniform reference points
 * assigned to their nearest design point. Both move points apart and away from the corners; the designs are not
 * identical to SciPy's.
 */
final class LloydRelaxation {

    /** Largest design relaxed: the nearest-point assignment costs O(n²·d) per iteration. */
    static final int MAX_SAMPLES = 512;
    static final int REFERENCE_PER_POINT = 128;
    private static final int MAX_ITERATIONS = 10;
    private static final double TOLERANCE = 1e-5;

    private LloydRelaxation() {
    }

    /** Relaxes {@code x} (n points in [0, 1]^d, d ≥ 2) in place. */
    static void relax(double[][] x, SplittableRandom rng) {
        int n = x.length;
        int d = x[0].length;
        int m = Math.max(4096, REFERENCE_PER_POINT * n);
        double root = -MAX_ITERATIONS / Math.log(0.1);
        double l1Old = minL1(x);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double decay = Math.exp(-it / root) + 0.9;
            double[][] sum = new double[n][d];
            int[] count = new int[n];
            double[] u = new double[d];
            for (int r = 0; r < m; r++) {
                for (int k = 0; k < d; k++) {
                    u[k] = rng.nextDouble();
                }
                int nearest = nearest(x, u);
                count[nearest]++;
                for (int k = 0; k < d; k++) {
                    sum[nearest][k] += u[k];
                }
            }
            for (int i = 0; i < n; i++) {
                if (count[i] == 0) {
                    continue;
                }
                double[] moved = new double[d];
                boolean inside = true;
                for (int k = 0; k < d; k++) {
                    moved[k] = x[i][k] + (sum[i][k] / count[i] - x[i][k]) * decay;
                    inside &= moved[k] >= 0 && moved[k] <= 1;
                }
                if (inside) {
                    x[i] = moved;
                }
            }
            double l1 = minL1(x);
            if (Math.abs(l1 - l1Old) < TOLERANCE) {
                break;
            }
            l1Old = l1;
        }
    }

    private static int nearest(double[][] x, double[] u) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int k = 0; k < u.length && s < bestD; k++) {
                double t = x[i][k] - u[k];
                s += t * t;
            }
            if (s < bestD) {
                bestD = s;
                best = i;
            }
        }
        return best;
    }

    /** The smallest pairwise L1 (city-block) distance, SciPy's convergence measure. */
    static double minL1(double[][] x) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    s += Math.abs(x[i][k] - x[j][k]);
                }
                min = Math.min(min, s);
            }
        }
        return min;
    }
}
