package dev.aiperf.engine.search;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogExpectedImprovementTest {

    private static final NormalDistribution N = new NormalDistribution();

    @Test
    void matchesTheClosedFormWhereThatIsAccurate() {
        for (double z = -8; z <= 5; z += 0.25) {
            double h = N.density(z) + z * N.cumulativeProbability(z);
            assertThat(LogExpectedImprovement.logH(z)).as("z=%s", z).isCloseTo(Math.log(h), within(1e-9 * Math.max(1, Math.abs(Math.log(h)))));
        }
    }

    @Test
    void staysFiniteAndMonotoneForVeryNegativeZ() {
        double prev = Double.NEGATIVE_INFINITY;
        for (double z = -1e6; z <= 3; z = z < -100 ? z / 2 : z + 0.05) {
            double v = LogExpectedImprovement.logH(z);
            assertThat(Double.isFinite(v)).as("z=%s", z).isTrue();
            assertThat(v).as("z=%s", z).isGreaterThan(prev);
            prev = v;
        }
        // asymptote: log h(z) ≈ -z²/2 - log(2π)/2 - 2 log|z|
        double z = -1000;
        assertThat(LogExpectedImprovement.logH(z))
                .isCloseTo(-z * z / 2 - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(-z), within(1e-5));
        // continuity across the branch boundaries
        assertThat(LogExpectedImprovement.logH(-1 - 1e-12)).isCloseTo(LogExpectedImprovement.logH(-1 + 1e-12), within(1e-9));
        assertThat(LogExpectedImprovement.logH(-10 - 1e-12)).isCloseTo(LogExpectedImprovement.logH(-10 + 1e-12), within(1e-9));
    }

    @Test
    void zeroSigmaIsFiniteAndIncreasesWithTheMean() {
        double prev = Double.NEGATIVE_INFINITY;
        for (double mean = 0; mean <= 200; mean += 10) {
            double v = LogExpectedImprovement.logEi(mean, 0.0, 100, Direction.MAXIMIZE);
            assertThat(Double.isFinite(v)).isTrue();
            assertThat(v).isGreaterThan(prev);
            prev = v;
        }
        // above the incumbent with no uncertainty, EI is the plain improvement
        assertThat(LogExpectedImprovement.logEi(130, 0.0, 100, Direction.MAXIMIZE)).isCloseTo(Math.log(30), within(1e-9));
    }

    @Test
    void minimisationMirrorsMaximisation() {
        assertThat(LogExpectedImprovement.logEi(80, 5, 100, Direction.MINIMIZE))
                .isCloseTo(LogExpectedImprovement.logEi(120, 5, 100, Direction.MAXIMIZE), within(1e-12));
        assertThat(LogExpectedImprovement.logEi(80, 5, 100, Direction.MINIMIZE))
                .isGreaterThan(LogExpectedImprovement.logEi(90, 5, 100, Direction.MINIMIZE));
        // plain EI at z = 0 is σ·φ(0)
        assertThat(Math.exp(LogExpectedImprovement.logEi(100, 2, 100, Direction.MINIMIZE))).isCloseTo(2 * N.density(0), within(1e-12));
    }

    @Test
    void probabilityOfFeasibilityIsStableInTheTail() {
        assertThat(Math.exp(LogExpectedImprovement.logProbabilityFeasible(0, 1))).isCloseTo(0.5, within(1e-12));
        assertThat(Math.exp(LogExpectedImprovement.logProbabilityFeasible(-2, 1))).isCloseTo(N.cumulativeProbability(2), within(1e-12));
        double far = LogExpectedImprovement.logProbabilityFeasible(100, 1);
        assertThat(far).isCloseTo(-5000 - Math.log(100) - 0.5 * Math.log(2 * Math.PI), within(1e-3));
        assertThat(LogExpectedImprovement.erfcx(6)).isCloseTo(Math.exp(36) * org.apache.commons.math3.special.Erf.erfc(6), within(1e-13));
    }
}
