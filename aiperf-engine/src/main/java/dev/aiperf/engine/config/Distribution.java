package dev.aiperf.engine.config;

import java.util.List;

/**
 * A distribution of sequence lengths (ISL/OSL) or turn counts, detected from its YAML keys:
 * a scalar or {@code {value}} is fixed; {@code {mean, stddev}} normal truncated at 0;
 * {@code {mean, median}} lognormal; {@code {points: [{value, weight}]}} empirical;
 * {@code {peaks: [...]}} a mixture. Integer samples are {@code max(1, ceil(x))}.
 */
public sealed interface Distribution {

    /** The distribution's mean, used for planning estimates. */
    double mean();

    record Fixed(double value) implements Distribution {
        @Override
        public double mean() {
            return value;
        }
    }

    record Normal(double mean, double stddev) implements Distribution {
    }

    /** Lognormal given by its mean and median: sigma = sqrt(2 ln(mean/median)), median &lt;= mean. */
    record LogNormal(double mean, double median) implements Distribution {
    }

    record Empirical(List<Point> points) implements Distribution {
        public Empirical {
            points = List.copyOf(points);
        }

        @Override
        public double mean() {
            double w = 0;
            double s = 0;
            for (Point p : points) {
                w += p.weight();
                s += p.value() * p.weight();
            }
            return w == 0 ? 0 : s / w;
        }
    }

    record Point(double value, double weight) {
    }

    /** A mixture of at least two weighted peaks, each itself a distribution. */
    record Mixture(List<Peak> peaks) implements Distribution {
        public Mixture {
            peaks = List.copyOf(peaks);
        }

        @Override
        public double mean() {
            double w = 0;
            double s = 0;
            for (Peak p : peaks) {
                w += p.weight();
                s += p.distribution().mean() * p.weight();
            }
            return w == 0 ? 0 : s / w;
        }
    }

    record Peak(Distribution distribution, double weight) {
    }
}
