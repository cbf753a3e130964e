package dev.aiperf.engine.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReferencePointTest {

    @Test
    void thresholdsWinOverObservations() {
        List<ObjectiveSpec> objs = List.of(
                new ObjectiveSpec("output_token_throughput", "avg", Direction.MAXIMIZE, 500.0),
                new ObjectiveSpec("time_to_first_token", "p99", Direction.MINIMIZE, 250.0));
        assertThat(ReferencePoint.of(objs, List.of(new double[]{1000, 100}))).containsExactly(500.0, 250.0);
    }

    @Test
    void worstObservedWithFivePercentSlack() {
        List<ObjectiveSpec> objs = List.of(ObjectiveSpec.maximize("output_token_throughput", "avg"),
                ObjectiveSpec.minimize("time_to_first_token", "p99"));
        List<double[]> pts = List.of(new double[]{1000, 100}, new double[]{3000, 300}, new double[]{2000, 150});
        double[] ref = ReferencePoint.of(objs, pts);
        assertThat(ref[0]).isCloseTo(1000 - 0.05 * 2000, within(1e-9));
        assertThat(ref[1]).isCloseTo(300 + 0.05 * 200, within(1e-9));
        // every observed point then strictly dominates the reference, so the worst ones still add volume
        for (double[] p : pts) {
            assertThat(Hypervolume.of(List.of(p), ref, List.of(Direction.MAXIMIZE, Direction.MINIMIZE))).isPositive();
        }
    }

    @Test
    void degenerateRangesStillGetSlack() {
        List<ObjectiveSpec> objs = List.of(ObjectiveSpec.maximize("a", "avg"), ObjectiveSpec.minimize("b", "avg"));
        double[] ref = ReferencePoint.of(objs, List.of(new double[]{200, 0}));
        assertThat(ref[0]).isCloseTo(190, within(1e-9));
        assertThat(ref[1]).isCloseTo(1, within(1e-9));
    }
}
