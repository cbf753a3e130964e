package dev.aiperf.engine.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegretBoundTerminatorTest {

    private static final Dimension X = Dimension.ofReal("x", 0, 1, Dimension.Prior.UNIFORM);
    private static final RegretBoundTerminator TERMINATOR = new RegretBoundTerminator(SearchSpace.of(X),
            ObjectiveSpec.maximize("y", "avg"), 0.01);

    private static List<Observation> sampled(double... xs) {
        List<Observation> h = new ArrayList<>();
        for (double x : xs) {
            h.add(Observation.of(Map.of("x", x), 100 - 50 * (x - 0.6) * (x - 0.6)));
        }
        return h;
    }

    @Test
    void waitsForTheThirdIterationAndTwoScoredPoints() {
        assertThat(TERMINATOR.boundAndError(sampled(0.1, 0.9), 1)).isEmpty();
        List<Observation> failed = new ArrayList<>(List.of(Observation.failed(Map.of("x", 0.1)),
                Observation.failed(Map.of("x", 0.5))));
        failed.add(Observation.of(Map.of("x", 0.9), 1.0));
        assertThat(TERMINATOR.boundAndError(failed, 1)).isEmpty();
    }

    @Test
    void aSparseSampleLeavesALargeBoundAndADenseOneNearTheOptimumStops() {
        double[] sparse = TERMINATOR.boundAndError(sampled(0.0, 0.5, 1.0), 1).orElseThrow();
        assertThat(sparse[0]).isGreaterThan(sparse[1]);
        assertThat(TERMINATOR.evaluate(sampled(0.0, 0.5, 1.0), 1)).isEmpty();
        double[] dense = new double[21];
        for (int i = 0; i <= 20; i++) {
            dense[i] = i / 20.0;
        }
        double[] b = TERMINATOR.boundAndError(sampled(dense), 1).orElseThrow();
        assertThat(b[0]).isLessThan(b[1]);
        assertThat(TERMINATOR.evaluate(sampled(dense), 1)).contains(RegretBoundTerminator.REASON);
    }
}
