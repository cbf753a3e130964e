package dev.aiperf.engine.search;

import org.apache.commons.math3.special.Erf;

import java.util.Arrays;
import java.util.Random;

/**
 * A one-dimensional Parzen window on [0, 1] as Optuna's TPE builds it: a truncated Gaussian at each observed value
 * plus a prior component N(0.5, 1), equal weights for the observations and {@code priorWeight} for the prior,
 * bandwidth of each component = the larger distance to its neighbouring centres (sorted, the prior included),
 * clipped to [1 / min(100, n + 1), 1].
 */
final class ParzenEstimator {

    private final double[] mu;
    private final double[] sigma;
    private final double[] weight;
    private final double[] mass; // probability of each truncated component inside [0, 1]

    private ParzenEstimator(double[] mu, double[] sigma, double[] weight) {
        this.mu = mu;
        this.sigma = sigma;
        this.weight = weight;
        this.mass = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            mass[i] = cdf((1 - mu[i]) / sigma[i]) - cdf((0 - mu[i]) / sigma[i]);
        }
    }

    static ParzenEstimator of(double[] values, double priorWeight) {
        int n = values.length;
        double[] centres = Arrays.copyOf(values, n + 1);
        centres[n] = 0.5;
        double[] w = new double[n + 1];
        Arrays.fill(w, 0, n, 1.0);
        w[n] = priorWeight;
        Integer[] order = new Integer[n + 1];
        for (int i = 0; i <= n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(centres[a], centres[b]));
        double[] sigma = new double[n + 1];
        double minSigma = 1.0 / Math.min(100.0, n + 1.0);
        for (int r = 0; r <= n; r++) {
            int i = order[r];
            double left = r > 0 ? centres[i] - centres[order[r - 1]] : centres[i];
            double right = r < n ? centres[order[r + 1]] - centres[i] : 1 - centres[i];
            sigma[i] = Math.min(1.0, Math.max(minSigma, Math.max(left, right)));
        }
        sigma[n] = 1.0;
        double total = Arrays.stream(w).sum();
        for (int i = 0; i <= n; i++) {
            w[i] /= total;
        }
        return new ParzenEstimator(centres, sigma, w);
    }

    /** A draw: pick a component by weight, then sample its Gaussian truncated to [0, 1] by rejection. */
    double sample(Random rnd) {
        double r = rnd.nextDouble();
        int k = 0;
        double cumulative = weight[0];
        while (cumulative < r && k < weight.length - 1) {
            k++;
            cumulative += weight[k];
        }
        for (int tries = 0; tries < 1000; tries++) {
            double x = mu[k] + sigma[k] * rnd.nextGaussian();
            if (x >= 0 && x <= 1) {
                return x;
            }
        }
        return Math.min(1, Math.max(0, mu[k]));
    }

    double logDensity(double x) {
        double p = 0;
        for (int i = 0; i < mu.length; i++) {
            double z = (x - mu[i]) / sigma[i];
            p += weight[i] * Math.exp(-0.5 * z * z) / (sigma[i] * Math.sqrt(2 * Math.PI) * mass[i]);
        }
        return Math.log(Math.max(p, 1e-300));
    }

    private static double cdf(double z) {
        return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
    }
}
