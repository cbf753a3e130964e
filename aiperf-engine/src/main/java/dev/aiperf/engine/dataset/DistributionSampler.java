package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.Distribution;

import java.util.SplittableRandom;

/**
 * Draws values from a {@link Distribution} with a caller-supplied seeded generator, so a seed reproduces the
 * same sequence on every JVM (the normal deviate is computed here, not by a JDK method whose algorithm may change).
 *
 * <ul>
 *   <li>fixed: the value;</li>
 *   <li>normal: truncated at 0 by resampling non-positive draws (at most 1,000 tries, then 0, which rounds to 1);</li>
 *   <li>lognormal from mean and median: mu = ln(median), sigma = sqrt(2 ln(mean/median));</li>
 *   <li>empirical: a point chosen with probability weight / total weight;</li>
 *   <li>mixture: a peak chosen by weight, then a draw from it.</li>
 * </ul>
 * Integer samples ({@link #sampleInt}) are {@code max(1, ceil(x))}, as AIPerf.
 */
public final class DistributionSampler {

    private static final int MAX_RESAMPLES = 1000;

    private DistributionSampler() {
    }

    /**
     * Checks that {@code d} can be sampled.
     *
     * @param path the YAML path named in the error, e.g. {@code benchmark.dataset.isl}
     * @throws ConfigException naming the path and the bad parameter
     */
    public static void validate(Distribution d, String path) {
        if (d instanceof Distribution.Fixed f) {
            requireFinite(f.value(), path + ".value");
        } else if (d instanceof Distribution.Normal n) {
            requireFinite(n.mean(), path + ".mean");
            requireWeight(n.stddev(), path + ".stddev");
        } else if (d instanceof Distribution.LogNormal l) {
            if (!(l.median() > 0) || Double.isInfinite(l.median())) {
                throw new ConfigException(path + ".median", "must be a finite number > 0; got " + l.median());
            }
            if (!(l.mean() >= l.median()) || Double.isInfinite(l.mean())) {
                throw new ConfigException(path + ".mean", "a lognormal needs median <= mean; got mean "
                        + l.mean() + ", median " + l.median());
            }
        } else if (d instanceof Distribution.Empirical e) {
            if (e.points().isEmpty()) {
                throw new ConfigException(path + ".points", "needs at least one {value, weight} point");
            }
            double total = 0;
            for (Distribution.Point p : e.points()) {
                requireFinite(p.value(), path + ".points.value");
                requireWeight(p.weight(), path + ".points.weight");
                total += p.weight();
            }
            requirePositiveTotal(total, path + ".points");
        } else if (d instanceof Distribution.Mixture m) {
            if (m.peaks().size() < 2) {
                throw new ConfigException(path + ".peaks", "a mixture needs at least 2 peaks; got " + m.peaks().size());
            }
            double total = 0;
            for (Distribution.Peak p : m.peaks()) {
                requireWeight(p.weight(), path + ".peaks.weight");
                total += p.weight();
                validate(p.distribution(), path + ".peaks");
            }
            requirePositiveTotal(total, path + ".peaks");
        }
    }

    /** One real-valued draw. */
    public static double sample(Distribution d, SplittableRandom rng) {
        if (d instanceof Distribution.Fixed f) {
            return f.value();
        }
        if (d instanceof Distribution.Normal n) {
            return truncatedNormal(n.mean(), n.stddev(), rng);
        }
        if (d instanceof Distribution.LogNormal l) {
            double sigma = Math.sqrt(2 * Math.log(l.mean() / l.median()));
            return Math.exp(Math.log(l.median()) + sigma * gaussian(rng));
        }
        if (d instanceof Distribution.Empirical e) {
            double[] weights = e.points().stream().mapToDouble(Distribution.Point::weight).toArray();
            return e.points().get(pick(weights, rng)).value();
        }
        Distribution.Mixture m = (Distribution.Mixture) d;
        double[] weights = m.peaks().stream().mapToDouble(Distribution.Peak::weight).toArray();
        return sample(m.peaks().get(pick(weights, rng)).distribution(), rng);
    }

    /** An index chosen with probability weight / total weight. */
    private static int pick(double[] weights, SplittableRandom rng) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** One integer draw: {@code max(1, ceil(x))}. */
    public static int sampleInt(Distribution d, SplittableRandom rng) {
        double x = sample(d, rng);
        if (!(x < Integer.MAX_VALUE)) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(1, Math.ceil(x));
    }

    private static double truncatedNormal(double mean, double stddev, SplittableRandom rng) {
        if (stddev == 0) {
            return mean;
        }
        for (int i = 0; i < MAX_RESAMPLES; i++) {
            double x = mean + stddev * gaussian(rng);
            if (x > 0) {
                return x;
            }
        }
        return 0;
    }

    /** A standard normal deviate by Marsaglia's polar method. */
    static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    private static void requireWeight(double v, String path) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ConfigException(path, "must be a finite number >= 0; got " + v);
        }
    }

    private static void requirePositiveTotal(double total, String path) {
        if (!(total > 0)) {
            throw new ConfigException(path, "weights must add up to more than 0");
        }
    }

    private static void requireFinite(double v, String path) {
        if (!Double.isFinite(v)) {
            throw new ConfigException(path, "must be a finite number; got " + v);
        }
    }
}
