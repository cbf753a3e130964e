package dev.aiperf.bench;

import dev.aiperf.engine.search.BayesianPlanner;
import dev.aiperf.engine.search.Dimension;
import dev.aiperf.engine.search.Direction;
import dev.aiperf.engine.search.Hypervolume;
import dev.aiperf.engine.search.MonotonicSlaPlanner;
import dev.aiperf.engine.search.MultiObjectivePlanner;
import dev.aiperf.engine.search.ObjectiveSpec;
import dev.aiperf.engine.search.Observation;
import dev.aiperf.engine.search.ReferencePoint;
import dev.aiperf.engine.search.SearchSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * Sample efficiency of the search planners on synthetic serving curves with known optima, over 20 seeds:
 * <ol>
 *   <li>Bayesian planner, throughput vs concurrency on [1, 1000] (int, log-uniform) with a KV-cache collapse
 *       past 300: iterations until a concurrency within 5% of the best throughput was run, against the log
 *       grid needed for the same guarantee;</li>
 *   <li>monotonic SLA planner on step boundaries drawn log-uniformly from [1, 1000]: probes (verdicts) and
 *       trials until the 5% precision stop;</li>
 *   <li>multi-objective planner, throughput vs request latency over concurrency × max_tokens: hypervolume of
 *       its frontier after a third of a 12 × 12 grid's runs, relative to the grid's frontier.</li>
 * </ol>
 * Run: {@code java -cp "aiperf-bench/target/classes:aiperf-bench/target/lib/*" dev.aiperf.bench.PlannerEfficiencyBench}
 */
public final class PlannerEfficiencyBench {

    private static final int SEEDS = 20;

    private PlannerEfficiencyBench() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        List<String> only = List.of(args);
        if (only.isEmpty() || only.contains("bayesian")) {
            bayesian(0.0);
            bayesian(0.03);
        }
        if (only.isEmpty() || only.contains("monotonic")) {
            monotonic();
        }
        if (only.isEmpty() || only.contains("pareto")) {
            multiObjective();
        }
        System.out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    // ---- synthetic curves ----

    /** Saturating throughput up to a KV-cache budget of 300 concurrent requests, collapsing past it. */
    static double throughput(double c) {
        double base = 50.0 * c / (1.0 + c / 64.0);
        return c <= 300 ? base : base * (300.0 / c) * (300.0 / c);
    }

    /** {throughput, latency} over concurrency c and max_tokens m with a KV budget of 80000 tokens. */
    static double[] throughputAndLatency(double c, double m) {
        double latency = 50 + m * (8 + 0.08 * c);
        double tput = 1000 * c * m / latency;
        double over = c * (512 + m) / 80000.0;
        if (over > 1) {
            tput /= over * over;
            latency *= over;
        }
        return new double[]{tput, latency};
    }

    // ---- studies ----

    /** {@code noise}: relative sd of multiplicative Gaussian measurement noise; success is judged on the true curve. */
    private static void bayesian(double noise) {
        Dimension conc = Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);
        double max = throughput(300);
        int budget = 30;
        long[] its = LongStream.rangeClosed(1, SEEDS).parallel().map(seed -> {
            BayesianPlanner p = new BayesianPlanner(SearchSpace.of(conc),
                    ObjectiveSpec.maximize("output_token_throughput", "avg"), 5, seed);
            Random measurement = new Random(seed * 31 + 17);
            for (int i = 1; i <= budget; i++) {
                Map<String, Double> point = p.ask();
                double v = throughput(point.get("concurrency"));
                p.tell(Observation.of(point, v * (1 + noise * measurement.nextGaussian())));
                if (v >= 0.95 * max) {
                    return i;
                }
            }
            return budget + 1;
        }).toArray();
        int grid = 0;
        for (int n = 2; n <= 200; n++) {
            double best = 0;
            for (int i = 0; i < n; i++) {
                best = Math.max(best, throughput(Math.rint(Math.exp(Math.log(1000) * i / (n - 1)))));
            }
            if (best < 0.95 * max) {
                grid = n + 1;
            }
        }
        long within15 = Arrays.stream(its).filter(i -> i <= 15).count();
        System.out.printf("bayesian 1-D peak, %.0f%% measurement noise: iterations to within 5%% of max: median %s, max %d, <=15 in %d/%d seeds;"
                        + " log grid of equal precision: %d runs; per seed %s%n",
                noise * 100, median(its), Arrays.stream(its).max().orElse(0), within15, SEEDS, grid, Arrays.toString(its));
    }

    private static void monotonic() {
        Dimension conc = Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);
        double bound = Math.log(1000) / Math.log(2) + 4;
        long[] probes = new long[SEEDS];
        long[] trials = new long[SEEDS];
        double worstErr = 0;
        int withinBound = 0;
        for (int s = 0; s < SEEDS; s++) {
            Random r = new Random(1000 + s);
            int boundary = (int) Math.rint(Math.exp(r.nextDouble() * Math.log(999)));
            MonotonicSlaPlanner p = new MonotonicSlaPlanner(conc);
            while (p.stopReason().isEmpty()) {
                Map<String, Double> point = p.ask();
                p.tell(new Observation(point, new double[]{1}, point.get("concurrency") <= boundary, Map.of()));
            }
            probes[s] = p.probes().size();
            trials[s] = p.observations().size();
            worstErr = Math.max(worstErr, (boundary - p.feasibleMax().orElse(0)) / boundary);
            if (probes[s] <= bound) {
                withinBound++;
            }
        }
        int worst = 0;
        int over = 0;
        for (int boundary = 1; boundary < 1000; boundary++) {
            MonotonicSlaPlanner p = new MonotonicSlaPlanner(conc);
            while (p.stopReason().isEmpty()) {
                Map<String, Double> point = p.ask();
                p.tell(new Observation(point, new double[]{1}, point.get("concurrency") <= boundary, Map.of()));
            }
            worst = Math.max(worst, p.probes().size());
            over += p.probes().size() > bound ? 1 : 0;
        }
        System.out.printf("monotonic SLA, every boundary 1..999: worst %d probes; %d of 999 boundaries exceed"
                + " log2(range)+4%n", worst, over);
        System.out.printf("monotonic SLA (boundaries log-uniform in [1,1000]): probes median %s max %d"
                        + " (log2(range)+4 = %.2f; within it for %d/%d); trials median %s; worst relative error %.3f%n",
                median(probes), Arrays.stream(probes).max().orElse(0), bound, withinBound, SEEDS, median(trials), worstErr);
    }

    private static void multiObjective() {
        SearchSpace space = SearchSpace.of(Dimension.ofInt("concurrency", 1, 256, Dimension.Prior.LOG_UNIFORM),
                Dimension.ofInt("max_tokens", 16, 1024, Dimension.Prior.LOG_UNIFORM));
        // Reference point from thresholds: throughput 0 and a 5 s latency ceiling, the region a user cares about
        // (the worst grid point's latency is over 100 s, which would make almost any point set look complete).
        List<ObjectiveSpec> objectives = List.of(
                new ObjectiveSpec("output_token_throughput", "avg", Direction.MAXIMIZE, 0.0),
                new ObjectiveSpec("request_latency", "avg", Direction.MINIMIZE, 5000.0));
        List<Direction> dirs = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);
        int side = 12;
        List<double[]> grid = new ArrayList<>();
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                Map<String, Double> p = space.fromUnit(new double[]{i / (side - 1.0), j / (side - 1.0)});
                grid.add(throughputAndLatency(p.get("concurrency"), p.get("max_tokens")));
            }
        }
        double[] ref = ReferencePoint.of(objectives, grid);
        double gridHv = Hypervolume.of(grid, ref, dirs);
        int budget = side * side / 3;
        long[] runsTo90 = new long[SEEDS];
        double[] ratios = LongStream.rangeClosed(1, SEEDS).parallel().mapToDouble(seed -> {
            MultiObjectivePlanner p = new MultiObjectivePlanner(space, objectives, 8, seed);
            List<double[]> found = new ArrayList<>();
            runsTo90[(int) seed - 1] = budget + 1;
            for (int i = 0; i < budget; i++) {
                Map<String, Double> point = p.ask();
                double[] y = throughputAndLatency(point.get("concurrency"), point.get("max_tokens"));
                p.tell(Observation.of(point, y));
                found.add(y);
                if (runsTo90[(int) seed - 1] > budget && Hypervolume.of(found, ref, dirs) >= 0.9 * gridHv) {
                    runsTo90[(int) seed - 1] = i + 1;
                }
            }
            return Hypervolume.of(found, ref, dirs) / gridHv;
        }).toArray();
        // Baseline: the same number of runs on a seeded space-filling (shifted Sobol) design, no model.
        long[] sobolRunsTo90 = new long[SEEDS];
        double[] sobolRatios = LongStream.rangeClosed(1, SEEDS).mapToDouble(seed -> {
            sobolRunsTo90[(int) seed - 1] = budget + 1;
            org.apache.commons.math3.random.SobolSequenceGenerator sobol =
                    new org.apache.commons.math3.random.SobolSequenceGenerator(2);
            Random r = new Random(seed * 7919);
            double[] shift = {r.nextDouble(), r.nextDouble()};
            List<double[]> found = new ArrayList<>();
            for (int i = 0; i < budget; i++) {
                double[] u = sobol.nextVector();
                for (int k = 0; k < 2; k++) {
                    u[k] = (u[k] + shift[k]) % 1.0;
                }
                Map<String, Double> point = space.fromUnit(u);
                found.add(throughputAndLatency(point.get("concurrency"), point.get("max_tokens")));
                if (sobolRunsTo90[(int) seed - 1] > budget && Hypervolume.of(found, ref, dirs) >= 0.9 * gridHv) {
                    sobolRunsTo90[(int) seed - 1] = i + 1;
                }
            }
            return Hypervolume.of(found, ref, dirs) / gridHv;
        }).toArray();
        Arrays.sort(sobolRatios);
        System.out.printf("  baseline, %d shifted-Sobol runs without a model: hypervolume / grid's median %.3f, min %.3f;"
                        + " runs until >=0.90: median %s, max %d (%d = never)%n",
                budget, (sobolRatios[SEEDS / 2 - 1] + sobolRatios[SEEDS / 2]) / 2, sobolRatios[0],
                median(sobolRunsTo90), Arrays.stream(sobolRunsTo90).max().orElse(0), budget + 1);
        long ok = Arrays.stream(ratios).filter(r -> r >= 0.9).count();
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        System.out.printf("multi-objective (2 objectives, 12x12 grid = %d runs, planner %d runs): hypervolume / grid's"
                        + " median %.3f, min %.3f, >=0.90 in %d/%d seeds; runs until >=0.90: median %s, max %d%n",
                side * side, budget, (sorted[SEEDS / 2 - 1] + sorted[SEEDS / 2]) / 2, sorted[0], ok, SEEDS,
                median(runsTo90), Arrays.stream(runsTo90).max().orElse(0));
    }

    private static String median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        double m = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }
}
