package dev.aiperf.engine.search;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.exception.MathIllegalStateException;

import java.util.Random;

/**
 * Gaussian-process regression with a Matérn 5/2 kernel, one lengthscale per input (ARD), a signal variance
 * and a Gaussian noise variance.
 *
 * <p>Inputs are expected in the unit cube (see {@link SearchSpace#toUnit}); outputs are standardised to mean
 * 0 and variance 1 internally, and predictions are returned in the original units. Hyperparameters are fitted
 * by maximising the log marginal likelihood plus weak log-normal priors on the lengthscales and the noise
 * (a MAP estimate; the priors only matter when a handful of points cannot pin the hyperparameters down),
 * with bounded BOBYQA from several seeded starts. The covariance is factorised by Cholesky with jitter added
 * progressively when it is numerically indefinite.
 */
public final class GaussianProcess {

    /** Fitted hyperparameters, for standardised outputs on unit-cube inputs. */
    public record Hyperparameters(double[] lengthscales, double signalVariance, double noiseVariance) {
        public Hyperparameters {
            lengthscales = lengthscales.clone();
        }

        @Override
        public double[] lengthscales() {
            return lengthscales.clone();
        }
    }

    /** Posterior of the latent function at one input, in the original output units. */
    public record Prediction(double mean, double variance) {
        public double sd() {
            return Math.sqrt(Math.max(variance, 0.0));
        }
    }

    private static final double SQRT5 = Math.sqrt(5.0);
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double BASE_JITTER = 1e-8;
    // Bounds in log space: lengthscales on unit inputs, signal variance and noise for standardised outputs.
    private static final double LOG_LS_MIN = Math.log(0.01);
    private static final double LOG_LS_MAX = Math.log(20.0);
    private static final double LOG_SIG_MIN = Math.log(0.05);
    private static final double LOG_SIG_MAX = Math.log(20.0);
    private static final double LOG_NOISE_MIN = Math.log(1e-6);
    private static final double LOG_NOISE_MAX = Math.log(1.0);
    // Weak priors: lengthscale log-normal around 0.3 of the box, noise log-normal around 1e-3.
    private static final double LS_PRIOR_MEAN = Math.log(0.3);
    private static final double LS_PRIOR_SD = 1.5;
    private static final double NOISE_PRIOR_MEAN = Math.log(1e-3);
    private static final double NOISE_PRIOR_SD = 3.0;
    private static final int RANDOM_STARTS = 3;

    private final double[][] x;
    private final double yMean;
    private final double yScale;
    private final Hyperparameters hyper;
    private final double[][] chol;
    private final double[] alpha;
    private final double logMarginalLikelihood;

    private GaussianProcess(double[][] x, double yMean, double yScale, Hyperparameters hyper, double[][] chol,
                            double[] alpha, double lml) {
        this.x = x;
        this.yMean = yMean;
        this.yScale = yScale;
        this.hyper = hyper;
        this.chol = chol;
        this.alpha = alpha;
        this.logMarginalLikelihood = lml;
    }

    /** Fits hyperparameters from seeded starts and conditions on the data. */
    public static GaussianProcess fit(double[][] x, double[] y, long seed) {
        return fit(x, y, seed, null);
    }

    /**
     * Fits hyperparameters, starting also from {@code warmStart} (the previous fit, when the data grew by a
     * point), and conditions on the data. {@code x[i]} are unit-cube inputs, {@code y[i]} finite outputs.
     */
    public static GaussianProcess fit(double[][] x, double[] y, long seed, Hyperparameters warmStart) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need at least one point and one output per input; got " + n + " inputs, "
                    + y.length + " outputs");
        }
        int d = x[0].length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        double scale = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        if (!(scale > 1e-12 * Math.max(1.0, Math.abs(mean)))) {
            scale = 1.0; // constant outputs: nothing to standardise
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (y[i] - mean) / scale;
        }
        double[][] xs = new double[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = x[i].clone();
        }

        double[] lower = new double[d + 2];
        double[] upper = new double[d + 2];
        for (int k = 0; k < d; k++) {
            lower[k] = LOG_LS_MIN;
            upper[k] = LOG_LS_MAX;
        }
        lower[d] = LOG_SIG_MIN;
        upper[d] = LOG_SIG_MAX;
        lower[d + 1] = LOG_NOISE_MIN;
        upper[d + 1] = LOG_NOISE_MAX;

        java.util.List<double[]> starts = new java.util.ArrayList<>();
        double[] def = new double[d + 2];
        for (int k = 0; k < d; k++) {
            def[k] = Math.log(0.3);
        }
        def[d] = 0.0;
        def[d + 1] = Math.log(1e-3);
        starts.add(def);
        if (warmStart != null && warmStart.lengthscales().length == d) {
            double[] w = new double[d + 2];
            double[] ls = warmStart.lengthscales();
            for (int k = 0; k < d; k++) {
                w[k] = Math.log(ls[k]);
            }
            w[d] = Math.log(warmStart.signalVariance());
            w[d + 1] = Math.log(warmStart.noiseVariance());
            starts.add(clamp(w, lower, upper));
        }
        Random rnd = Seeds.random(seed, 2);
        // A warm start from the previous fit (one point fewer) is already near the optimum; random restarts then
        // only every fifth point, to escape a local optimum the data has moved away from.
        int randomStarts = starts.size() == 1 || n % 5 == 0 ? RANDOM_STARTS : 0;
        for (int s = 0; s < randomStarts; s++) {
            double[] r = new double[d + 2];
            for (int k = 0; k < d + 2; k++) {
                r[k] = lower[k] + rnd.nextDouble() * (upper[k] - lower[k]);
            }
            starts.add(r);
        }

        double[] best = null;
        double bestVal = Double.POSITIVE_INFINITY;
        for (double[] start : starts) {
            double[] s0 = shrinkInside(start, lower, upper);
            double v0 = objective(xs, z, s0);
            if (v0 < bestVal) {
                bestVal = v0;
                best = s0;
            }
            try {
                BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * (d + 2) + 1, 0.5, 1e-4);
                PointValuePair p = opt.optimize(new MaxEval(warmStart != null ? 150 : 250), new ObjectiveFunction(t -> objective(xs, z, t)),
                        GoalType.MINIMIZE, new InitialGuess(s0), new SimpleBounds(lower, upper));
                if (p.getValue() < bestVal) {
                    bestVal = p.getValue();
                    best = p.getPoint();
                }
            } catch (MathIllegalStateException e) {
                // evaluation budget exhausted from this start: keep what the other starts found
            }
        }
        Hyperparameters h = toHyper(best, d);
        Factor f = factor(xs, z, h);
        double lml = -0.5 * dot(z, f.alpha) - f.halfLogDet - 0.5 * n * LOG_2PI;
        return new GaussianProcess(xs, mean, scale, h, f.l, f.alpha, lml);
    }

    public Hyperparameters hyperparameters() {
        return hyper;
    }

    /** Log marginal likelihood of the standardised outputs at the fitted hyperparameters. */
    public double logMarginalLikelihood() {
        return logMarginalLikelihood;
    }

    /** Noise variance in the original output units. */
    public double noiseVariance() {
        return hyper.noiseVariance() * yScale * yScale;
    }

    /** Posterior mean and variance of the latent function (without observation noise) at {@code u}. */
    public Prediction predict(double[] u) {
        int n = x.length;
        double[] ls = hyper.lengthscales;
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = kernel(x[i], u, ls, hyper.signalVariance());
        }
        double m = dot(k, alpha);
        double[] v = forwardSolve(chol, k);
        double var = hyper.signalVariance() - dot(v, v);
        var = Math.max(var, 1e-12 * hyper.signalVariance());
        return new Prediction(yMean + yScale * m, var * yScale * yScale);
    }

    static double kernel(double[] a, double[] b, double[] ls, double signal) {
        double r2 = 0;
        for (int k = 0; k < a.length; k++) {
            double t = (a[k] - b[k]) / ls[k];
            r2 += t * t;
        }
        double r = Math.sqrt(r2);
        return signal * (1 + SQRT5 * r + 5.0 * r2 / 3.0) * Math.exp(-SQRT5 * r);
    }

    private record Factor(double[][] l, double[] alpha, double halfLogDet) {
    }

    /** Negative log posterior of the hyperparameters (in log space) given standardised outputs. */
    private static double objective(double[][] x, double[] z, double[] theta) {
        int d = x[0].length;
        Hyperparameters h = toHyper(theta, d);
        Factor f;
        try {
            f = factor(x, z, h);
        } catch (ArithmeticException e) {
            return 1e10;
        }
        double nll = 0.5 * dot(z, f.alpha) + f.halfLogDet + 0.5 * x.length * LOG_2PI;
        double prior = 0;
        for (int k = 0; k < d; k++) {
            double t = (theta[k] - LS_PRIOR_MEAN) / LS_PRIOR_SD;
            prior += 0.5 * t * t;
        }
        double t = (theta[d + 1] - NOISE_PRIOR_MEAN) / NOISE_PRIOR_SD;
        prior += 0.5 * t * t;
        double v = nll + prior;
        return Double.isFinite(v) ? v : 1e10;
    }

    private static Hyperparameters toHyper(double[] theta, int d) {
        double[] ls = new double[d];
        for (int k = 0; k < d; k++) {
            ls[k] = Math.exp(theta[k]);
        }
        return new Hyperparameters(ls, Math.exp(theta[d]), Math.exp(theta[d + 1]));
    }

    private static Factor factor(double[][] x, double[] z, Hyperparameters h) {
        int n = x.length;
        double[][] k = new double[n][n];
        double[] ls = h.lengthscales;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = kernel(x[i], x[j], ls, h.signalVariance());
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        double jitter = BASE_JITTER * h.signalVariance();
        for (int attempt = 0; attempt < 8; attempt++) {
            double[][] l = cholesky(k, h.noiseVariance() + jitter);
            if (l != null) {
                double[] a = backSolve(l, forwardSolve(l, z));
                double half = 0;
                for (int i = 0; i < n; i++) {
                    half += Math.log(l[i][i]);
                }
                return new Factor(l, a, half);
            }
            jitter *= 10; // numerically indefinite: add more diagonal and retry
        }
        throw new ArithmeticException("covariance matrix not positive definite even with jitter");
    }

    /** Lower Cholesky factor of k + diag·I, or null if not positive definite. */
    private static double[][] cholesky(double[][] k, double diag) {
        int n = k.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = k[i][j] + (i == j ? diag : 0.0);
                double[] li = l[i];
                double[] lj = l[j];
                for (int m = 0; m < j; m++) {
                    s -= li[m] * lj[m];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return l;
    }

    private static double[] forwardSolve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] li = l[i];
            for (int m = 0; m < i; m++) {
                s -= li[m] * y[m];
            }
            y[i] = s / li[i];
        }
        return y;
    }

    private static double[] backSolve(double[][] l, double[] y) {
        int n = y.length;
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int m = i + 1; m < n; m++) {
                s -= l[m][i] * x[m];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] clamp(double[] v, double[] lo, double[] hi) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.min(hi[i], Math.max(lo[i], r[i]));
        }
        return r;
    }

    /** BOBYQA wants the start strictly inside the bounds. */
    private static double[] shrinkInside(double[] v, double[] lo, double[] hi) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            double margin = 1e-6 * (hi[i] - lo[i]);
            r[i] = Math.min(hi[i] - margin, Math.max(lo[i] + margin, r[i]));
        }
        return r;
    }
}
