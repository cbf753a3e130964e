package dev.aiperf.engine.sweep;

import java.util.SplittableRandom;

/**
 * Latin-hypercube points in [0, 1)^d: on every axis, each of the {@code n} strata {@code [j/n, (j+1)/n)} holds
 * exactly one point.
 *
 * <p>Each axis is an independent seeded permutation of the strata; with {@code scramble} the point is uniform inside
 * its stratum, otherwise at its centre. The {@code random-cd} optimisation (as scipy's) then tries random swaps of
 * two points' coordinates on one axis — a swap never breaks stratification — and keeps a swap only when it lowers the
 * centered L2 discrepancy; it stops after 100 swaps in a row without improvement or 10000 tries in all. Each try
 * costs O(n·d) (only the two changed rows are re-evaluated), so the optimisation runs for n up to
 * {@link #MAX_OPTIMISED}; larger designs keep the plain stratified draw.
 */
public final class LatinHypercubeSampler {
    /** Largest design the random-cd optimisation is applied to. */
    public static final int MAX_OPTIMISED = 8192;
    private static final int NO_CHANGE_LIMIT = 100;
    private static final int MAX_TRIES = 10000;

    private LatinHypercubeSampler() {
    }

    /** The {@code optimization} of a design: none, SciPy's {@code random-cd} or {@code lloyd}. */
    public enum Optimization {
        NONE, RANDOM_CD, LLOYD;

        /** {@code null} → NONE, {@code random-cd}, {@code lloyd}. */
        public static Optimization of(String yaml) {
            return yaml == null ? NONE : yaml.equals("lloyd") ? LLOYD : RANDOM_CD;
        }
    }

    public static double[][] points(int n, int d, boolean scramble, boolean optimiseCd, long seed) {
        return points(n, d, scramble, optimiseCd ? Optimization.RANDOM_CD : Optimization.NONE, seed);
    }

    /**
     * The design; {@code LLOYD} relaxes the stratified draw with {@link LloydRelaxation} (d ≥ 2, n ≤
     * {@value LloydRelaxation#MAX_SAMPLES}, which the parser enforces).
     */
    public static double[][] points(int n, int d, boolean scramble, Optimization optimization, long seed) {
        boolean optimiseCd = optimization == Optimization.RANDOM_CD;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int k = 0; k < d; k++) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int i = 0; i < n; i++) {
                double offset = scramble ? rng.nextDouble() : 0.5;
                x[i][k] = (perm[i] + offset) / n;
            }
        }
        if (optimiseCd && n <= MAX_OPTIMISED && n > 2) {
            optimise(x, rng);
        }
        if (optimization == Optimization.LLOYD && d >= 2 && n >= 2) {
            LloydRelaxation.relax(x, rng);
        }
        return x;
    }

    /** Centered L2 discrepancy squared (Hickernell), lower is more uniform. */
    public static double centeredDiscrepancy(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double a = Math.pow(13.0 / 12.0, d);
        double b = 0;
        for (double[] row : x) {
            double p = 1;
            for (int k = 0; k < d; k++) {
                double z = Math.abs(row[k] - 0.5);
                p *= 1 + 0.5 * z - 0.5 * z * z;
            }
            b += p;
        }
        double c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c += pair(x[i], x[j]);
            }
        }
        return a - 2.0 / n * b + c / ((double) n * n);
    }

    private static double pair(double[] u, double[] v) {
        double p = 1;
        for (int k = 0; k < u.length; k++) {
            double zu = Math.abs(u[k] - 0.5);
            double zv = Math.abs(v[k] - 0.5);
            p *= 1 + 0.5 * zu + 0.5 * zv - 0.5 * Math.abs(u[k] - v[k]);
        }
        return p;
    }

    private static double single(double[] u) {
        double p = 1;
        for (double c : u) {
            double z = Math.abs(c - 0.5);
            p *= 1 + 0.5 * z - 0.5 * z * z;
        }
        return p;
    }

    /** The terms of the discrepancy that involve rows a or b (the only ones a swap between them changes). */
    private static double affected(double[][] x, int a, int b) {
        int n = x.length;
        double pairs = 0;
        for (int j = 0; j < n; j++) {
            pairs += 2 * pair(x[a], x[j]) + 2 * pair(x[b], x[j]);
        }
        pairs -= pair(x[a], x[a]) + pair(x[b], x[b]) + 2 * pair(x[a], x[b]);
        return -2.0 / n * (single(x[a]) + single(x[b])) + pairs / ((double) n * n);
    }

    private static void optimise(double[][] x, SplittableRandom rng) {
        int n = x.length;
        int d = x[0].length;
        int noChange = 0;
        for (int tries = 0; tries < MAX_TRIES && noChange < NO_CHANGE_LIMIT; tries++) {
            int k = rng.nextInt(d);
            int a = rng.nextInt(n);
            int b = rng.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            double before = affected(x, a, b);
            swap(x, a, b, k);
            double after = affected(x, a, b);
            if (after < before - 1e-15) {
                noChange = 0;
            } else {
                swap(x, a, b, k);
                noChange++;
            }
        }
    }

    private static void swap(double[][] x, int a, int b, int k) {
        double t = x[a][k];
        x[a][k] = x[b][k];
        x[b][k] = t;
    }
}
