package dev.aiperf.engine.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BayesianPlannerTest {

    private static final Dimension CONCURRENCY =
            Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);
    private static final double MAX = SyntheticCurves.throughputWithKvCollapse(300);

    /** Iterations until a point within 5% of the maximum was evaluated, or budget+1 if never. */
    static int iterationsToWithin5Percent(long seed, int budget) {
        BayesianPlanner planner = new BayesianPlanner(SearchSpace.of(CONCURRENCY),
                ObjectiveSpec.maximize("output_token_throughput", "avg"), 5, seed);
        for (int i = 1; i <= budget; i++) {
            Map<String, Double> p = planner.ask();
            double v = SyntheticCurves.throughputWithKvCollapse(p.get("concurrency"));
            planner.tell(Observation.of(p, v));
            if (v >= 0.95 * MAX) {
                return i;
            }
        }
        return budget + 1;
    }

    /** Points a log-spaced integer grid over [1, 1000] needs before every finer grid reaches 95% of the max. */
    static int gridPointsForEqualPrecision() {
        int needed = 0;
        for (int n = 2; n <= 200; n++) {
            double best = 0;
            for (int i = 0; i < n; i++) {
                double c = Math.rint(Math.exp(Math.log(1000) * i / (n - 1)));
                best = Math.max(best, SyntheticCurves.throughputWithKvCollapse(c));
            }
            if (best < 0.95 * MAX) {
                needed = n + 1;
            }
        }
        return needed;
    }

    @Test
    void findsTheInteriorPeakWithin15IterationsForMostSeedsAndBeatsTheGrid() {
        int grid = gridPointsForEqualPrecision();
        List<Integer> its = new ArrayList<>();
        int ok = 0;
        for (long seed = 1; seed <= 20; seed++) {
            int it = iterationsToWithin5Percent(seed, 15);
            its.add(it);
            if (it <= 15) {
                ok++;
            }
        }
        its.sort(null);
        System.out.println("bayesian iterations to 95%: " + its + ", grid of equal precision: " + grid);
        assertThat(ok).as("seeds within 15 iterations: %s", its).isGreaterThanOrEqualTo(16);
        assertThat(its.get(its.size() / 2)).isLessThan(grid);
    }

    @Test
    void neverReproposesAnEvaluatedIntegerPoint() {
        SearchSpace space = SearchSpace.of(Dimension.ofInt("concurrency", 1, 40, Dimension.Prior.UNIFORM));
        BayesianPlanner planner = new BayesianPlanner(space, ObjectiveSpec.minimize("request_latency", "p99"), 4, 9L);
        Set<Double> seen = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            Map<String, Double> p = planner.ask();
            double c = p.get("concurrency");
            assertThat(c).isEqualTo(Math.rint(c)).isBetween(1.0, 40.0);
            assertThat(seen.add(c)).as("re-proposed %s", c).isTrue();
            planner.tell(Observation.of(p, (c - 17) * (c - 17) + 3));
        }
    }

    @Test
    void infeasibleRegionIsAvoidedAndBestIsFeasible() {
        // The SLA breaks above concurrency 120; throughput keeps rising until 300, so the best feasible is ~120.
        BayesianPlanner planner = new BayesianPlanner(SearchSpace.of(CONCURRENCY),
                ObjectiveSpec.maximize("output_token_throughput", "avg"), 5, 4L);
        int infeasibleAfterInit = 0;
        double bestFeasible = 0;
        for (int i = 0; i < 20; i++) {
            Map<String, Double> p = planner.ask();
            double c = p.get("concurrency");
            double ttftP95 = 20 + c; // ms; SLA ttft p95 < 140
            boolean ok = ttftP95 < 140;
            planner.tell(new Observation(p, new double[]{SyntheticCurves.throughputWithKvCollapse(c)}, ok,
                    Map.of("time_to_first_token:p95", ttftP95 - 140)));
            if (ok) {
                bestFeasible = Math.max(bestFeasible, SyntheticCurves.throughputWithKvCollapse(c));
            } else if (i >= 5) {
                infeasibleAfterInit++;
            }
        }
        assertThat(bestFeasible).isGreaterThan(0.95 * SyntheticCurves.throughputWithKvCollapse(119));
        assertThat(infeasibleAfterInit).isLessThanOrEqualTo(7);
    }

    @Test
    void penaltyModeAlsoFindsTheBestFeasiblePoint() {
        BayesianPlanner planner = new BayesianPlanner(SearchSpace.of(CONCURRENCY),
                ObjectiveSpec.maximize("output_token_throughput", "avg"), 5, 6L, ConstraintMode.PENALTY);
        double bestFeasible = 0;
        for (int i = 0; i < 20; i++) {
            Map<String, Double> p = planner.ask();
            double c = p.get("concurrency");
            boolean ok = c < 120;
            double v = SyntheticCurves.throughputWithKvCollapse(c);
            planner.tell(new Observation(p, new double[]{v}, ok, Map.of()));
            if (ok) {
                bestFeasible = Math.max(bestFeasible, v);
            }
        }
        assertThat(bestFeasible).isGreaterThan(0.95 * SyntheticCurves.throughputWithKvCollapse(119));
    }

    @Test
    void failedRunsAreSteeredAwayFrom() {
        // Runs above 500 crash (no objective); the optimum of the remaining curve is at 300.
        BayesianPlanner planner = new BayesianPlanner(SearchSpace.of(CONCURRENCY),
                ObjectiveSpec.maximize("output_token_throughput", "avg"), 5, 8L);
        double best = 0;
        for (int i = 0; i < 15; i++) {
            Map<String, Double> p = planner.ask();
            double c = p.get("concurrency");
            if (c > 500) {
                planner.tell(Observation.failed(p));
            } else {
                double v = SyntheticCurves.throughputWithKvCollapse(c);
                best = Math.max(best, v);
                planner.tell(Observation.of(p, v));
            }
        }
        assertThat(best).isGreaterThan(0.95 * MAX);
    }

    @Test
    void sameSeedSameProposals() {
        List<Double> a = run(11L);
        List<Double> b = run(11L);
        assertThat(a).isEqualTo(b);
        assertThat(run(12L)).isNotEqualTo(a);
    }

    private static List<Double> run(long seed) {
        BayesianPlanner planner = new BayesianPlanner(SearchSpace.of(CONCURRENCY),
                ObjectiveSpec.maximize("output_token_throughput", "avg"), 5, seed);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Double> p = planner.ask();
            out.add(p.get("concurrency"));
            planner.tell(Observation.of(p, SyntheticCurves.throughputWithKvCollapse(p.get("concurrency"))));
        }
        return out;
    }
}
