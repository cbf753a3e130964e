package dev.aiperf.engine.recipe;

import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;

import java.util.List;

/** Least-squares polynomial fits and their coefficient of determination. */
final class Fit {

    private Fit() {
    }

    /** Coefficients lowest degree first; degree lowered to what the points determine. */
    static double[] polynomial(List<double[]> pts, int degree) {
        int d = Math.min(degree, Math.max(0, (int) pts.stream().mapToDouble(p -> p[0]).distinct().count() - 1));
        WeightedObservedPoints obs = new WeightedObservedPoints();
        pts.forEach(p -> obs.add(p[0], p[1]));
        double[] c = PolynomialCurveFitter.create(d).fit(obs.toList());
        double[] full = new double[degree + 1];
        System.arraycopy(c, 0, full, 0, c.length);
        return full;
    }

    /** 1 − SSres/SStot, 0 when SStot is 0. */
    static double rSquared(List<double[]> pts, double[] coeffs) {
        double mean = pts.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double ssTot = 0;
        double ssRes = 0;
        for (double[] p : pts) {
            double f = 0;
            for (int i = coeffs.length - 1; i >= 0; i--) {
                f = f * p[0] + coeffs[i];
            }
            ssRes += (p[1] - f) * (p[1] - f);
            ssTot += (p[1] - mean) * (p[1] - mean);
        }
        return ssTot == 0 ? 0 : 1 - ssRes / ssTot;
    }
}
