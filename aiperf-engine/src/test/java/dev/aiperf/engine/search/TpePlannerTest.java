package dev.aiperf.engine.search;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TpePlannerTest {

    private static final Dimension CONCURRENCY = Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);

    @Test
    void gammaIsOptunasDefault() {
        assertThat(TpePlanner.gamma(5)).isEqualTo(1);
        assertThat(TpePlanner.gamma(10)).isEqualTo(1);
        assertThat(TpePlanner.gamma(11)).isEqualTo(2);
        assertThat(TpePlanner.gamma(100)).isEqualTo(10);
        assertThat(TpePlanner.gamma(1000)).isEqualTo(25);
    }

    @Test
    void parzenEstimatorIsADensityOnTheUnitInterval() {
        ParzenEstimator p = ParzenEstimator.of(new double[]{0.1, 0.15, 0.9}, 1.0);
        double integral = 0;
        int steps = 20000;
        for (int i = 0; i < steps; i++) {
            integral += Math.exp(p.logDensity((i + 0.5) / steps)) / steps;
        }
        assertThat(integral).isCloseTo(1.0, within(1e-3));
        Random rnd = new Random(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(p.sample(rnd)).isBetween(0.0, 1.0);
        }
        // Mass concentrates where the points are.
        assertThat(p.logDensity(0.12)).isGreaterThan(p.logDensity(0.6));
    }

    @Test
    void findsTheThroughputPeakWithin5PercentOnEverySeed() {
        // OptunaSamplersBench: median 13, worst 24 of 30 iterations over these 20 seeds.
        double max = SyntheticCurves.throughputWithKvCollapse(300);
        for (long seed = 1; seed <= 20; seed++) {
            TpePlanner p = new TpePlanner(SearchSpace.of(CONCURRENCY),
                    ObjectiveSpec.maximize("output_token_throughput", "avg"), 5, seed);
            int hit = -1;
            for (int i = 1; i <= 30 && hit < 0; i++) {
                Map<String, Double> point = p.ask();
                double v = SyntheticCurves.throughputWithKvCollapse(point.get("concurrency"));
                p.tell(Observation.of(point, v));
                if (v >= 0.95 * max) {
                    hit = i;
                }
            }
            assertThat(hit).as("seed %s", seed).isBetween(1, 30);
        }
    }

    @Test
    void infeasibleAndFailedIterationsRankLast() {
        // Throughput grows with concurrency, but above 100 the SLA breaks and every fifth run fails outright: the
        // search must settle just below 100 instead of chasing the larger infeasible values.
        for (long seed = 1; seed <= 5; seed++) {
            TpePlanner p = new TpePlanner(SearchSpace.of(CONCURRENCY),
                    ObjectiveSpec.maximize("output_token_throughput", "avg"), 5, seed);
            int above = 0;
            double bestFeasible = 0;
            for (int i = 0; i < 30; i++) {
                Map<String, Double> point = p.ask();
                double c = point.get("concurrency");
                p.tell(i % 5 == 4 ? Observation.failed(point) : new Observation(point, new double[]{c}, c <= 100,
                        Map.of()));
                if (i >= 10 && c > 100) {
                    above++;
                }
                if (i % 5 != 4 && c <= 100) {
                    bestFeasible = Math.max(bestFeasible, c);
                }
            }
            // Seeds 1..5: best feasible 91..98, 5..9 of the last 20 proposals above 100.
            assertThat(bestFeasible).as("seed %s", seed).isGreaterThanOrEqualTo(90);
            assertThat(above).as("seed %s", seed).isLessThanOrEqualTo(10);
        }
    }
}
