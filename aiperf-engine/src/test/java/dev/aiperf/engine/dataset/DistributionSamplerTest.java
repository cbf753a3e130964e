package dev.aiperf.engine.dataset;

import dev.aiperf.engine.config.Distribution;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DistributionSamplerTest {

    private static final int N = 200_000;

    private static double[] draw(Distribution d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = DistributionSampler.sample(d, rng);
        }
        return x;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double std(double[] x) {
        double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / x.length);
    }

    @Test
    void fixedAndIntegerRounding() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThat(DistributionSampler.sampleInt(new Distribution.Fixed(99.01), rng)).isEqualTo(100);
        assertThat(DistributionSampler.sampleInt(new Distribution.Fixed(100), rng)).isEqualTo(100);
        assertThat(DistributionSampler.sampleInt(new Distribution.Fixed(0), rng)).isEqualTo(1);
        assertThat(DistributionSampler.sampleInt(new Distribution.Fixed(-5), rng)).isEqualTo(1);
    }

    @Test
    void normalMomentsAndTruncation() {
        double[] x = draw(new Distribution.Normal(550, 50), 3);
        assertThat(mean(x)).isCloseTo(550, within(0.5));
        assertThat(std(x)).isCloseTo(50, within(0.5));
        double[] t = draw(new Distribution.Normal(1, 5), 4);
        assertThat(Arrays.stream(t).min().orElseThrow()).isGreaterThan(0);
    }

    @Test
    void lognormalHasTheGivenMeanAndMedian() {
        double[] x = draw(new Distribution.LogNormal(300, 200), 5);
        assertThat(mean(x)).isCloseTo(300, within(3.0));
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        assertThat(sorted[N / 2]).isCloseTo(200, within(2.0));
    }

    @Test
    void empiricalAndMixtureFollowTheWeights() {
        double[] x = draw(new Distribution.Empirical(List.of(new Distribution.Point(100, 1),
                new Distribution.Point(1000, 3))), 6);
        long small = Arrays.stream(x).filter(v -> v == 100).count();
        assertThat((double) small / N).isCloseTo(0.25, within(0.005));
        assertThat(Arrays.stream(x).allMatch(v -> v == 100 || v == 1000)).isTrue();

        double[] m = draw(new Distribution.Mixture(List.of(new Distribution.Peak(new Distribution.Normal(100, 5), 1),
                new Distribution.Peak(new Distribution.Fixed(1000), 1))), 7);
        assertThat(mean(m)).isCloseTo(550, within(3.0));
        assertThat(new Distribution.Mixture(List.of(new Distribution.Peak(new Distribution.Normal(100, 5), 1),
                new Distribution.Peak(new Distribution.Fixed(1000), 1))).mean()).isEqualTo(550);
    }

    @Test
    void sameSeedSameSequence() {
        Distribution d = new Distribution.LogNormal(50, 40);
        assertThat(draw(d, 9)).isEqualTo(draw(d, 9));
    }
}
