package dev.aiperf.engine.search;

import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The worst SLO margin as a smooth monotone function of log load: for each margin key, the trials' margins at the
 * same value are averaged (weighted by count), made non-decreasing by {@link IsotonicRegression} and joined by a
 * {@link MonotoneCubic}; the curve is the maximum over keys (a point passes when every margin is ≤ 0). A maximum
 * of non-decreasing functions is non-decreasing, so the fitted pass/fail split is one bracket and its root unique.
 */
final class MarginCurve {

    /** One trial: the load and its margins ({@code > 0} violated, NaN missing). */
    record Sample(double x, Map<String, Double> margins) {
    }

    private final Map<String, Piece> pieces;
    private final double[] nodes;

    /** One margin key's fit over log load: a spline, or a constant when it was seen at one load only. */
    private record Piece(PolynomialSplineFunction spline, double lo, double hi, double constant) {
        double at(double u) {
            if (spline == null) {
                return constant;
            }
            return spline.value(Math.min(hi, Math.max(lo, u)));
        }
    }

    private MarginCurve(Map<String, Piece> pieces, double[] nodes) {
        this.pieces = pieces;
        this.nodes = nodes;
    }

    /** The fit of {@code samples}, or null when no sample has a finite margin. */
    static MarginCurve fit(List<Sample> samples) {
        Map<String, TreeMap<Double, double[]>> byKey = new TreeMap<>();
        TreeSet<Double> all = new TreeSet<>();
        for (Sample s : samples) {
            double u = Math.log(s.x());
            for (Map.Entry<String, Double> e : s.margins().entrySet()) {
                if (Double.isFinite(e.getValue())) {
                    double[] sumCount = byKey.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                            .computeIfAbsent(u, k -> new double[2]);
                    sumCount[0] += e.getValue();
                    sumCount[1]++;
                    all.add(u);
                }
            }
        }
        if (byKey.isEmpty()) {
            return null;
        }
        Map<String, Piece> pieces = new TreeMap<>();
        for (Map.Entry<String, TreeMap<Double, double[]>> keyed : byKey.entrySet()) {
            TreeMap<Double, double[]> points = keyed.getValue();
            int n = points.size();
            double[] u = new double[n];
            double[] y = new double[n];
            double[] w = new double[n];
            int i = 0;
            for (Map.Entry<Double, double[]> e : points.entrySet()) {
                u[i] = e.getKey();
                y[i] = e.getValue()[0] / e.getValue()[1];
                w[i] = e.getValue()[1];
                i++;
            }
            double[] f = IsotonicRegression.increasing(y, w);
            pieces.put(keyed.getKey(), n == 1 ? new Piece(null, u[0], u[0], f[0])
                    : new Piece(MonotoneCubic.interpolate(u, f), u[0], u[n - 1], 0));
        }
        return new MarginCurve(pieces, all.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The fitted worst margin at load {@code x}. */
    double at(double x) {
        return atLog(Math.log(x));
    }

    private double atLog(double u) {
        double worst = Double.NEGATIVE_INFINITY;
        for (Piece p : pieces.values()) {
            worst = Math.max(worst, p.at(u));
        }
        return worst;
    }

    /** The fitted margin of {@code key} at load {@code x}; NaN for a key never seen. */
    double fitted(String key, double x) {
        Piece p = pieces.get(key);
        return p == null ? Double.NaN : p.at(Math.log(x));
    }

    /** The largest load seen whose fitted margin passes (≤ 0), or NaN. */
    double fittedPassMax() {
        double best = Double.NaN;
        for (double u : nodes) {
            if (atLog(u) <= 0) {
                best = Math.exp(u);
            }
        }
        return best;
    }

    /** The smallest load seen whose fitted margin fails (&gt; 0), or NaN. */
    double fittedFailMin() {
        for (double u : nodes) {
            if (atLog(u) > 0) {
                return Math.exp(u);
            }
        }
        return Double.NaN;
    }

    /** The load in [{@code pass}, {@code fail}] where the fitted margin crosses 0 (by Brent on log load). */
    double root(double pass, double fail) {
        double a = Math.log(pass);
        double b = Math.log(fail);
        if (atLog(a) >= 0) {
            return pass;
        }
        if (atLog(b) <= 0) {
            return fail;
        }
        return Math.exp(new BrentSolver(1e-10).solve(200, this::atLog, a, b));
    }
}
