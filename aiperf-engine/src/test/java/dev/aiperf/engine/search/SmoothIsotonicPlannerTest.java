package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SmoothIsotonicPlannerTest {

    private static final Dimension CONCURRENCY =
            Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);
    private static final String TTFT = "time_to_first_token p95 lt 300";

    /** Drives the planner with a TTFT curve (ms) against a 300 ms SLA; returns it once it stops. */
    static SmoothIsotonicPlanner run(Dimension d, DoubleUnaryOperator ttft, long seed) {
        SmoothIsotonicPlanner p = new SmoothIsotonicPlanner(d, 0.05, seed);
        for (int i = 0; i < 200 && p.stopReason().isEmpty(); i++) {
            Map<String, Double> point = p.ask();
            double observed = ttft.applyAsDouble(point.get(d.path()));
            p.tell(new Observation(point, new double[]{1.0}, observed < 300, Map.of(TTFT, observed - 300)));
        }
        return p;
    }

    @Test
    void isotonicRegressionPoolsAdjacentViolators() {
        assertThat(IsotonicRegression.increasing(new double[]{1, 3, 2, 4}, new double[]{1, 1, 1, 1}))
                .containsExactly(1, 2.5, 2.5, 4);
        // Weights: the heavier point pulls the pooled block towards itself.
        assertThat(IsotonicRegression.increasing(new double[]{5, 1}, new double[]{3, 1})).containsExactly(4, 4);
    }

    @Test
    void monotoneCubicMatchesScipysPchipAndDoesNotOvershoot() {
        PolynomialSplineFunction f = MonotoneCubic.interpolate(new double[]{0, 1, 2, 3}, new double[]{0, 0, 1, 1});
        // scipy.interpolate.PchipInterpolator([0, 1, 2, 3], [0, 0, 1, 1])(1.5) == 0.5, flat on [0, 1] and [2, 3]
        assertThat(f.value(1.5)).isCloseTo(0.5, within(1e-12));
        assertThat(f.value(0.5)).isCloseTo(0.0, within(1e-12));
        assertThat(f.value(2.5)).isCloseTo(1.0, within(1e-12));
        double prev = Double.NEGATIVE_INFINITY;
        for (double x = 0; x <= 3; x += 0.01) {
            assertThat(f.value(x)).isGreaterThanOrEqualTo(prev - 1e-12).isBetween(-1e-12, 1 + 1e-12);
            prev = f.value(x);
        }
    }

    @Test
    void interpolatesASmoothBoundaryInFewerTrialsThanBisection() {
        // TTFT grows with load: 40 ms + c²/8 → the 300 ms SLA breaks above c = sqrt(2080) = 45.6.
        DoubleUnaryOperator ttft = c -> 40 + c * c / 8;
        SmoothIsotonicPlanner p = run(CONCURRENCY, ttft, 1);
        assertThat(p.stopReason()).contains(SmoothIsotonicPlanner.PRECISION_REACHED);
        assertThat(p.boundaryEstimate().orElseThrow()).isCloseTo(Math.sqrt(2080), within(0.05 * 45.6));
        assertThat(p.feasibleMax().orElseThrow()).isEqualTo(45.0);
        assertThat(p.cliffDetected()).isFalse();
        assertThat(p.replicates()).isZero();
        // Monotonic bisection spends 2 agreeing trials per probe on the same curve.
        MonotonicSlaPlanner m = new MonotonicSlaPlanner(CONCURRENCY);
        while (m.stopReason().isEmpty()) {
            Map<String, Double> point = m.ask();
            m.tell(new Observation(point, new double[]{1.0}, ttft.applyAsDouble(point.get("concurrency")) < 300,
                    Map.of()));
        }
        assertThat(p.observations().size()).isLessThan(m.observations().size());
        assertThat(p.observations().size()).isLessThanOrEqualTo((int) (Math.log(1000) / Math.log(2) + 4));
    }

    @Test
    void aCliffSwitchesToBisectionAndStillBracketsTheBoundary() {
        // The margin is flat, then jumps: TTFT 100 ms up to c = 77, 900 ms above (a queue that suddenly builds).
        SmoothIsotonicPlanner p = run(CONCURRENCY, c -> c <= 77 ? 100 + c * 0.1 : 900, 1);
        assertThat(p.stopReason()).contains(SmoothIsotonicPlanner.PRECISION_REACHED);
        assertThat(p.cliffDetected()).isTrue();
        double fmax = p.feasibleMax().orElseThrow();
        assertThat(fmax).isLessThanOrEqualTo(77).isGreaterThan(77 * 0.95);
    }

    @Test
    void noisyMarginsGetReplicatesAndABootstrapInterval() {
        double truth = Math.sqrt(2080);
        for (long seed = 1; seed <= 20; seed++) {
            Random noise = new Random(seed);
            SmoothIsotonicPlanner p = run(CONCURRENCY, c -> (40 + c * c / 8) * (1 + 0.03 * noise.nextGaussian()), seed);
            assertThat(p.stopReason().orElseThrow()).as("seed %s", seed)
                    .isIn(SmoothIsotonicPlanner.PRECISION_REACHED, SmoothIsotonicPlanner.REPLICATES_EXHAUSTED);
            assertThat(Math.abs(p.boundaryEstimate().orElseThrow() - truth) / truth).as("seed %s", seed)
                    .isLessThan(0.05);
            double[] ci = p.boundaryInterval().orElseThrow();
            assertThat(ci[0]).isLessThanOrEqualTo(ci[1]);
        }
    }

    @Test
    void reportsNoPassAndNoFailure() {
        assertThat(run(CONCURRENCY, c -> 500, 1).stopReason()).contains(SmoothIsotonicPlanner.NO_PASS_IN_RANGE);
        SmoothIsotonicPlanner all = run(CONCURRENCY, c -> 10, 1);
        assertThat(all.stopReason()).contains(SmoothIsotonicPlanner.NO_FAILURE_IN_RANGE);
        assertThat(all.observations()).hasSize(11); // 1, 2, 4, ..., 512, 1000: one trial each
    }

    @Test
    void withoutMarginsItBisectsOnVerdicts() {
        SmoothIsotonicPlanner p = new SmoothIsotonicPlanner(CONCURRENCY, 0.05, 1);
        while (p.stopReason().isEmpty()) {
            Map<String, Double> point = p.ask();
            p.tell(new Observation(point, new double[]{1.0}, point.get("concurrency") <= 150, Map.of()));
        }
        assertThat(p.stopReason()).contains(SmoothIsotonicPlanner.PRECISION_REACHED);
        assertThat(p.feasibleMax().orElseThrow()).isLessThanOrEqualTo(150).isGreaterThan(150 * 0.95);
    }

    @Test
    void rejectsANonPositiveLowerBound() {
        assertThatThrownBy(() -> new SmoothIsotonicPlanner(Dimension.ofInt("concurrency", 0, 10,
                Dimension.Prior.UNIFORM), 0.05, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("smooth_isotonic: search_space[concurrency].lo must be > 0");
    }
}
