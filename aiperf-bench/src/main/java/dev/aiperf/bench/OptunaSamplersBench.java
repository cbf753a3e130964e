package dev.aiperf.bench;

import dev.aiperf.engine.search.BayesianPlanner;
import dev.aiperf.engine.search.ConstraintMode;
import dev.aiperf.engine.search.Dimension;
import dev.aiperf.engine.search.Incumbent;
import dev.aiperf.engine.search.ObjectiveSpec;
import dev.aiperf.engine.search.Observation;
import dev.aiperf.engine.search.RegretBoundTerminator;
import dev.aiperf.engine.search.SearchPlanner;
import dev.aiperf.engine.search.SearchSpace;
import dev.aiperf.engine.search.TpePlanner;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * planner: optuna's samplers on the synthetic throughput curve of {@link PlannerEfficiencyBench} (concurrency on
 * [1, 1000], int, log-uniform, peak at 300, collapse past it), 20 seeds, 5 initial points, budget 30: iterations
 * until a concurrency within 5% of the best throughput was run, with and without 3% multiplicative noise; and, for
 * {@code optuna_terminator: regret}, the iteration at which the terminator would have stopped the search and how
 * close to the optimum the best point was by then.
 * Run: {@code java -cp "aiperf-bench/target/classes:aiperf-bench/target/lib/*" dev.aiperf.bench.OptunaSamplersBench}
 */
public final class OptunaSamplersBench {

    private static final int SEEDS = 20;
    private static final int BUDGET = 30;
    private static final Dimension CONCURRENCY = Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);

    private OptunaSamplersBench() {
    }

    public static void main(String[] args) {
        System.out.println("sampler/acquisition      noise  its to 5%: median max  within 30  | regret terminator:"
                + " stop median, best/max at stop (worst)");
        for (double noise : new double[]{0.0, 0.03}) {
            for (String name : new String[]{"tpe", "gp (logei)", "botorch (qlognei)"}) {
                study(name, noise);
            }
        }
    }

    private static SearchPlanner planner(String name, long seed) {
        SearchSpace space = SearchSpace.of(CONCURRENCY);
        ObjectiveSpec obj = ObjectiveSpec.maximize("output_token_throughput", "avg");
        return switch (name) {
            case "tpe" -> new TpePlanner(space, obj, 5, seed);
            case "gp (logei)" -> new BayesianPlanner(space, obj, 5, seed, ConstraintMode.PENALTY,
                    Incumbent.BEST_OBSERVED);
            default -> new BayesianPlanner(space, obj, 5, seed, ConstraintMode.PENALTY, Incumbent.BEST_POSTERIOR_MEAN);
        };
    }

    private static void study(String name, double noise) {
        double max = PlannerEfficiencyBench.throughput(300);
        RegretBoundTerminator terminator = new RegretBoundTerminator(SearchSpace.of(CONCURRENCY),
                ObjectiveSpec.maximize("output_token_throughput", "avg"), 0.01);
        long[] stopAt = new long[SEEDS];
        double[] bestAtStop = new double[SEEDS];
        long[] its = LongStream.rangeClosed(1, SEEDS).parallel().map(seed -> {
            SearchPlanner p = planner(name, seed);
            Random measurement = new Random(seed * 31 + 17);
            long hit = BUDGET + 1;
            double best = 0;
            int s = (int) seed - 1;
            stopAt[s] = BUDGET + 1;
            for (int i = 1; i <= BUDGET; i++) {
                Map<String, Double> point = p.ask();
                double v = PlannerEfficiencyBench.throughput(point.get("concurrency"));
                p.tell(Observation.of(point, v * (1 + noise * measurement.nextGaussian())));
                best = Math.max(best, v);
                if (v >= 0.95 * max && hit > BUDGET) {
                    hit = i;
                }
                if (stopAt[s] > BUDGET && i >= 5 && terminator.evaluate(p.observations(), seed + i).isPresent()) {
                    stopAt[s] = i;
                    bestAtStop[s] = best / max;
                }
            }
            if (stopAt[s] > BUDGET) {
                bestAtStop[s] = best / max;
            }
            return hit;
        }).toArray();
        long within = Arrays.stream(its).filter(i -> i <= BUDGET).count();
        System.out.printf(Locale.ROOT, "%-22s %4.0f%%  %8s %4d  %6d/%d  | %6s, %.3f (%.3f)%n", name, noise * 100,
                median(its), Arrays.stream(its).max().orElse(0), within, SEEDS, median(stopAt),
                median(bestAtStop), Arrays.stream(bestAtStop).min().orElse(0));
    }

    private static String median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        double m = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
