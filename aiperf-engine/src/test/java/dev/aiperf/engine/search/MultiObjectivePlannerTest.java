package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultiObjectivePlannerTest {

    static final SearchSpace SPACE = SearchSpace.of(
            Dimension.ofInt("concurrency", 1, 256, Dimension.Prior.LOG_UNIFORM),
            Dimension.ofInt("max_tokens", 16, 1024, Dimension.Prior.LOG_UNIFORM));
    /** Thresholds make the reference point (throughput 0, latency 5 s): the region a user cares about. */
    static final List<ObjectiveSpec> OBJECTIVES = List.of(
            new ObjectiveSpec("output_token_throughput", "avg", Direction.MAXIMIZE, 0.0),
            new ObjectiveSpec("request_latency", "avg", Direction.MINIMIZE, 5000.0));
    static final List<Direction> DIRS = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);
    /** 8 × 8 here keeps the test fast; the bench runs 12 × 12 over 20 seeds. */
    static final int GRID_SIDE = 8;

    static List<double[]> gridResults() {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < GRID_SIDE; i++) {
            for (int j = 0; j < GRID_SIDE; j++) {
                Map<String, Double> p = SPACE.fromUnit(new double[]{i / (GRID_SIDE - 1.0), j / (GRID_SIDE - 1.0)});
                out.add(SyntheticCurves.throughputAndLatency(p.get("concurrency"), p.get("max_tokens")));
            }
        }
        return out;
    }

    /** Hypervolume of the planner's frontier over the grid frontier's, both against the grid's reference point. */
    static double hypervolumeRatio(long seed, int budget) {
        List<double[]> grid = gridResults();
        double[] ref = ReferencePoint.of(OBJECTIVES, grid);
        assertThat(ref).containsExactly(0.0, 5000.0);
        double gridHv = Hypervolume.of(grid, ref, DIRS);
        MultiObjectivePlanner planner = new MultiObjectivePlanner(SPACE, OBJECTIVES, 6, seed);
        List<double[]> found = new ArrayList<>();
        for (int i = 0; i < budget; i++) {
            Map<String, Double> p = planner.ask();
            double[] y = SyntheticCurves.throughputAndLatency(p.get("concurrency"), p.get("max_tokens"));
            planner.tell(Observation.of(p, y));
            found.add(y);
        }
        return Hypervolume.of(found, ref, DIRS) / gridHv;
    }

    @Test
    void reaches90PercentOfTheGridFrontierWithAThirdOfItsRuns() {
        int budget = GRID_SIDE * GRID_SIDE / 3;
        List<Double> ratios = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            ratios.add(hypervolumeRatio(seed, budget));
        }
        System.out.println("multi-objective hypervolume ratios: " + ratios);
        assertThat(ratios.stream().filter(r -> r >= 0.9).count()).as("%s", ratios).isGreaterThanOrEqualTo(2);
    }

    @Test
    void slaInfeasiblePointsNeverEnterTheFrontierAndAreAvoided() {
        MultiObjectivePlanner planner = new MultiObjectivePlanner(SPACE, OBJECTIVES, 6, 3L);
        int infeasibleAfterInit = 0;
        for (int i = 0; i < 20; i++) {
            Map<String, Double> p = planner.ask();
            double[] y = SyntheticCurves.throughputAndLatency(p.get("concurrency"), p.get("max_tokens"));
            boolean ok = y[1] < 4000; // SLA: latency under 4 s
            planner.tell(new Observation(p, y, ok, Map.of("request_latency:avg", y[1] - 4000)));
            if (!ok && i >= 6) {
                infeasibleAfterInit++;
            }
        }
        assertThat(infeasibleAfterInit).isLessThanOrEqualTo(7);
    }

    @Test
    void moreThanTwoObjectivesUseParEgoAndStayInBounds() {
        List<ObjectiveSpec> three = List.of(ObjectiveSpec.maximize("output_token_throughput", "avg"),
                ObjectiveSpec.minimize("request_latency", "avg"), ObjectiveSpec.minimize("max_tokens_cost", "avg"));
        MultiObjectivePlanner planner = new MultiObjectivePlanner(SPACE, three, 5, 5L);
        java.util.Set<Map<String, Double>> seen = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Double> p = planner.ask();
            assertThat(p.get("concurrency")).isBetween(1.0, 256.0);
            assertThat(p.get("max_tokens")).isBetween(16.0, 1024.0);
            assertThat(seen.add(p)).isTrue();
            double[] y = SyntheticCurves.throughputAndLatency(p.get("concurrency"), p.get("max_tokens"));
            planner.tell(Observation.of(p, y[0], y[1], p.get("max_tokens") / 100));
        }
    }

    @Test
    void needsTwoObjectives() {
        assertThatThrownBy(() -> new MultiObjectivePlanner(SPACE, OBJECTIVES.subList(0, 1), 5, 1L))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 2 objectives");
    }
}
