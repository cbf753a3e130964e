package dev.aiperf.engine.search;

import org.apache.commons.math3.analysis.polynomials.PolynomialFunction;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;

/**
 * Piecewise cubic Hermite interpolation that keeps monotone data monotone (PCHIP, Fritsch–Carlson slopes with the
 * weighted harmonic mean and one-sided, shape-preserving end slopes, as SciPy's {@code PchipInterpolator}). A
 * natural cubic spline overshoots between a flat stretch and a steep one, which would put a root where there is
 * none; commons-math3 has splines and Akima but not PCHIP, so only the slopes are computed here and the result is
 * its {@link PolynomialSplineFunction}.
 */
final class MonotoneCubic {

    private MonotoneCubic() {
    }

    /** The interpolant through ({@code x}, {@code y}); x strictly increasing, at least 2 points. */
    static PolynomialSplineFunction interpolate(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCHIP needs at least 2 points; got " + n);
        }
        double[] h = new double[n - 1];
        double[] delta = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            h[i] = x[i + 1] - x[i];
            delta[i] = (y[i + 1] - y[i]) / h[i];
        }
        double[] d = new double[n];
        if (n == 2) {
            d[0] = delta[0];
            d[1] = delta[0];
        } else {
            for (int i = 1; i < n - 1; i++) {
                if (delta[i - 1] * delta[i] <= 0) {
                    d[i] = 0;
                } else {
                    double w1 = 2 * h[i] + h[i - 1];
                    double w2 = h[i] + 2 * h[i - 1];
                    d[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i]);
                }
            }
            d[0] = endSlope(h[0], h[1], delta[0], delta[1]);
            d[n - 1] = endSlope(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3]);
        }
        PolynomialFunction[] pieces = new PolynomialFunction[n - 1];
        for (int i = 0; i < n - 1; i++) {
            double c2 = (3 * delta[i] - 2 * d[i] - d[i + 1]) / h[i];
            double c3 = (d[i] + d[i + 1] - 2 * delta[i]) / (h[i] * h[i]);
            pieces[i] = new PolynomialFunction(new double[]{y[i], d[i], c2, c3});
        }
        return new PolynomialSplineFunction(x, pieces);
    }

    /** SciPy's three-point end slope, clipped so the end interval stays monotone. */
    private static double endSlope(double h0, double h1, double m0, double m1) {
        double d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
        if (Math.signum(d) != Math.signum(m0)) {
            return 0;
        }
        if (Math.signum(m0) != Math.signum(m1) && Math.abs(d) > Math.abs(3 * m0)) {
            return 3 * m0;
        }
        return d;
    }
}
