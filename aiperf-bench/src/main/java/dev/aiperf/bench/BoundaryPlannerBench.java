package dev.aiperf.bench;

import dev.aiperf.engine.search.Dimension;
import dev.aiperf.engine.search.MonotonicSlaPlanner;
import dev.aiperf.engine.search.Observation;
import dev.aiperf.engine.search.SearchPlanner;
import dev.aiperf.engine.search.SmoothIsotonicPlanner;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * The two SLA-boundary planners on synthetic TTFT curves with a known boundary b on concurrency [1, 1000]
 * (int, log-uniform), SLA TTFT &lt; 300 ms, 20 seeds each (b drawn log-uniformly from [2, 900]):
 * <ul>
 *   <li><b>smooth</b>: TTFT = 300·(c/b)^α with α drawn from [0.5, 2] (a smooth, monotone margin);</li>
 *   <li><b>noisy</b>: the same curve times (1 + 0.05·N(0, 1)) per trial;</li>
 *   <li><b>cliff</b>: TTFT 100 ms up to b, 900 ms above (a step: nothing to interpolate).</li>
 * </ul>
 * For each: trials used (a trial is one benchmark run; monotonic_sla spends 2 agreeing trials per verdict), the
 * stop reason, and the relative error of the answer, the largest passing integer (feas_max), against floor(b);
 * "within 5%" is judged on it. smooth_isotonic also reports its fitted root, compared with b itself.
 * Run: {@code java -cp "aiperf-bench/target/classes:aiperf-bench/target/lib/*" dev.aiperf.bench.BoundaryPlannerBench}
 */
public final class BoundaryPlannerBench {

    private static final int SEEDS = 20;
    private static final Dimension CONCURRENCY =
            Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);
    private static final String KEY = "time_to_first_token p95 lt 300";

    private BoundaryPlannerBench() {
    }

    public static void main(String[] args) {
        double log2Range = Math.log(1000) / Math.log(2) + 4;
        System.out.printf(Locale.ROOT, "log2(range)+4 = %.2f%n", log2Range);
        System.out.println("curve   planner          trials: median  max  | probes median max | within 5%  worst err"
                + "  worst err of the estimate vs b | reasons");
        for (String curve : new String[]{"smooth", "noisy", "cliff"}) {
            for (String planner : new String[]{"monotonic_sla", "smooth_isotonic"}) {
                study(curve, planner);
            }
        }
    }

    private static void study(String curve, String plannerName) {
        long[] trials = new long[SEEDS];
        long[] probes = new long[SEEDS];
        double[] errors = new double[SEEDS];
        double[] estimateErrors = new double[SEEDS];
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        for (int s = 0; s < SEEDS; s++) {
            Random draw = new Random((s + 1) * 0x9E3779B97F4A7C15L);
            double b = Math.exp(Math.log(2) + draw.nextDouble() * (Math.log(900) - Math.log(2)));
            double alpha = 0.5 + 1.5 * draw.nextDouble();
            Random noise = new Random((s + 1) * 0xC2B2AE3D27D4EB4FL);
            DoubleUnaryOperator ttft = switch (curve) {
                case "smooth" -> c -> 300 * Math.pow(c / b, alpha);
                case "noisy" -> c -> 300 * Math.pow(c / b, alpha) * (1 + 0.05 * noise.nextGaussian());
                default -> c -> c <= b ? 100 : 900;
            };
            SearchPlanner p = plannerName.equals("monotonic_sla") ? new MonotonicSlaPlanner(CONCURRENCY)
                    : new SmoothIsotonicPlanner(CONCURRENCY, 0.05, s + 1);
            for (int i = 0; i < 200 && p.stopReason().isEmpty(); i++) {
                Map<String, Double> point = p.ask();
                double observed = ttft.applyAsDouble(point.get("concurrency"));
                p.tell(new Observation(point, new double[]{1}, observed < 300, Map.of(KEY, observed - 300)));
            }
            trials[s] = p.observations().size();
            double reported;
            double estimate;
            if (p instanceof MonotonicSlaPlanner m) {
                probes[s] = m.probes().size();
                reported = m.feasibleMax().orElse(Double.NaN);
                estimate = reported;
            } else {
                SmoothIsotonicPlanner si = (SmoothIsotonicPlanner) p;
                probes[s] = trials[s];
                reported = si.feasibleMax().orElse(Double.NaN);
                estimate = si.boundaryEstimate().orElse(Double.NaN);
            }
            // The answer of an integer search is the largest passing integer, floor(b).
            double truth = Math.floor(b);
            errors[s] = Math.abs(reported - truth) / truth;
            estimateErrors[s] = Math.abs(estimate - b) / b;
            reasons.merge(p.stopReason().orElse("none"), 1, Integer::sum);
        }
        long within = Arrays.stream(errors).filter(e -> e < 0.05).count();
        System.out.printf(Locale.ROOT, "%-7s %-16s %6s %5d | %6s %4d | %5d/%d  %8.3f  %8.3f | %s%n", curve,
                plannerName, median(trials), Arrays.stream(trials).max().orElse(0), median(probes),
                Arrays.stream(probes).max().orElse(0), within, SEEDS, Arrays.stream(errors).max().orElse(0),
                Arrays.stream(estimateErrors).max().orElse(0), reasons);
    }

    private static String median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        double m = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }
}
