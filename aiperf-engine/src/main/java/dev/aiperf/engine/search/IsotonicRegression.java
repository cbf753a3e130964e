package dev.aiperf.engine.search;

import java.util.Arrays;

/**
 * Weighted least-squares fit of a non-decreasing sequence (pool adjacent violators, PAVA): the values that minimise
 * Σ wᵢ(yᵢ − fᵢ)² subject to f₁ ≤ f₂ ≤ …. An SLO margin grows with load, so noise that makes it dip is pooled
 * away instead of being read as a boundary. commons-math3 has no isotonic regression.
 */
final class IsotonicRegression {

    private IsotonicRegression() {
    }

    /** The non-decreasing fit of {@code y} (in order of x) with positive weights {@code w}. */
    static double[] increasing(double[] y, double[] w) {
        int n = y.length;
        double[] value = new double[n];
        double[] weight = new double[n];
        int[] size = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            value[blocks] = y[i];
            weight[blocks] = w[i];
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double wt = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1])
                        / wt;
                weight[blocks - 2] = wt;
                size[blocks - 2] += size[blocks - 1];
                blocks--;
            }
        }
        double[] fit = new double[n];
        int k = 0;
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(fit, k, k + size[b], value[b]);
            k += size[b];
        }
        return fit;
    }
}
