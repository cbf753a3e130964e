package dev.aiperf.engine.search;

import org.apache.commons.math3.special.Erf;

/**
 * Logarithm of expected improvement, computed so it stays finite and monotone far from the incumbent.
 *
 * <p>EI = σ·h(z) with h(z) = φ(z) + zΦ(z) and z = (μ − best)/σ when maximising, (best − μ)/σ when
 * minimising. Naively h underflows to 0 for z below about −38, which makes the acquisition surface flat and
 * useless. Following the LogEI formulation (Ament et al., 2023), log h is evaluated as
 * <ul>
 *   <li>z &gt; −1: log(φ(z) + zΦ(z)) directly;</li>
 *   <li>−10 ≤ z ≤ −1: log φ(z) + log1p(z·√(π/2)·erfcx(−z/√2)), with erfcx the scaled complementary error
 *       function, so the cancellation happens inside log1p;</li>
 *   <li>z &lt; −10: log φ(z) + log(1/z² − 3/z⁴ + 15/z⁶ − …), the asymptotic series of 1 + z·Φ(z)/φ(z).</li>
 * </ul>
 * A vanishing σ is floored at 1e-12 of the scale so the result stays finite and still increases with μ.
 */
public final class LogExpectedImprovement {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_HALF_PI = Math.sqrt(Math.PI / 2);
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double INV_SQRT_PI = 1.0 / Math.sqrt(Math.PI);

    private LogExpectedImprovement() {
    }

    /** log EI of a Gaussian posterior N(mean, sd²) over the incumbent {@code best}. */
    public static double logEi(double mean, double sd, double best, Direction direction) {
        double floor = 1e-12 * Math.max(1.0, Math.max(Math.abs(mean), Math.abs(best)));
        double s = Math.max(sd, floor);
        double z = direction == Direction.MAXIMIZE ? (mean - best) / s : (best - mean) / s;
        return Math.log(s) + logH(z);
    }

    /** log(φ(z) + zΦ(z)), stable for all finite z. */
    public static double logH(double z) {
        if (z > -1) {
            double phi = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
            double cdf = 0.5 * Erf.erfc(-z / SQRT2);
            return Math.log(phi + z * cdf);
        }
        double logPhi = -0.5 * z * z - LOG_SQRT_2PI;
        if (z >= -10) {
            return logPhi + Math.log1p(z * SQRT_HALF_PI * erfcx(-z / SQRT2));
        }
        double t2 = 1.0 / (z * z);
        // Σ_k (-1)^(k+1) (2k-1)!! t^(2k): terms shrink while k < z²/2 = 50 at z = -10, so 12 terms are plenty.
        double term = t2;
        double sum = 0;
        for (int k = 1; k <= 12; k++) {
            sum += term;
            term *= -(2 * k + 1) * t2;
        }
        return logPhi + Math.log(sum);
    }

    /** log Φ(x), stable for very negative x. */
    public static double logNormalCdf(double x) {
        if (x > -5) {
            return Math.log(0.5 * Erf.erfc(-x / SQRT2));
        }
        return Math.log(0.5 * erfcx(-x / SQRT2)) - 0.5 * x * x;
    }

    /**
     * log probability that a constraint with posterior N(mean, sd²) of its violation is satisfied
     * (violation ≤ 0): log Φ(−mean/sd).
     */
    public static double logProbabilityFeasible(double mean, double sd) {
        double s = Math.max(sd, 1e-12 * Math.max(1.0, Math.abs(mean)));
        return logNormalCdf(-mean / s);
    }

    /** Scaled complementary error function exp(x²)·erfc(x) for x ≥ 0. */
    static double erfcx(double x) {
        if (x < 0) {
            throw new IllegalArgumentException("erfcx is only needed for x >= 0; got " + x);
        }
        if (x < 5) {
            return Math.exp(x * x) * Erf.erfc(x);
        }
        // Continued fraction erfcx(x) = (1/√π) / (x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up;
        // at x ≥ 5 sixty levels are far past convergence.
        double f = x;
        for (int k = 60; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return INV_SQRT_PI / f;
    }
}
