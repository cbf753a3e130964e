package dev.aiperf.engine.search;

import java.util.Locale;

/**
 * Where a boundary search stands between verdicts: the largest passing and the smallest failing value so far,
 * and the rule that picks the next probe. Pure, so the planner and its budget arithmetic share one rule.
 *
 * <p>Rule: double from {@code lo} (clamped to {@code hi}) until the first failure, then bisect at the geometric
 * mean of the bracket (rounded for integer dimensions) until {@code (inf_min − feas_max) / inf_min < precision}
 * or no integer lies strictly between.
 *
 * @param feasibleMax   largest passing value, or {@code null}
 * @param infeasibleMin smallest failing value, or {@code null}
 */
public record MonotonicBracket(Dimension dimension, double precision, Double feasibleMax, Double infeasibleMin) {

    /** What follows a verdict: the next value to probe, or the reason the search is done. */
    public sealed interface Next permits Probe, Done {
    }

    /** Probe {@code value} next. */
    public record Probe(double value) implements Next {
    }

    /** Done, for {@code reason} ({@code monotonic_*}). */
    public record Done(String reason) implements Next {
    }

    /** Nothing decided yet. */
    public static MonotonicBracket start(Dimension dimension, double precision) {
        return new MonotonicBracket(dimension, precision, null, null);
    }

    /** The first value probed. */
    public double firstProbe() {
        return dimension.snap(dimension.lo());
    }

    /** The bracket after a verdict at {@code value}. */
    public MonotonicBracket after(double value, boolean pass) {
        if (pass) {
            return new MonotonicBracket(dimension, precision,
                    feasibleMax == null ? value : Math.max(feasibleMax, value), infeasibleMin);
        }
        return new MonotonicBracket(dimension, precision, feasibleMax,
                infeasibleMin == null ? value : Math.min(infeasibleMin, value));
    }

    /** What to do after the verdict at {@code last} that produced this bracket. */
    public Next next(double last) {
        if (infeasibleMin == null) {
            if (last >= dimension.snap(dimension.hi())) {
                return new Done(MonotonicSlaPlanner.NO_FAILURE_IN_RANGE);
            }
            return new Probe(dimension.snap(Math.min(last * 2, dimension.hi())));
        }
        if (feasibleMax == null) {
            return new Done(MonotonicSlaPlanner.NO_PASS_IN_RANGE);
        }
        boolean noIntegerBetween = dimension.kind() == Dimension.Kind.INT && infeasibleMin - feasibleMax <= 1;
        if (relativeWidth() < precision || noIntegerBetween) {
            return new Done(MonotonicSlaPlanner.PRECISION_REACHED);
        }
        double mid = Math.sqrt(feasibleMax * infeasibleMin);
        if (dimension.kind() == Dimension.Kind.INT) {
            mid = Math.min(infeasibleMin - 1, Math.max(feasibleMax + 1, Math.rint(mid)));
        }
        return new Probe(mid);
    }

    /** {@code (inf_min − feas_max) / inf_min}, or NaN until both ends are known. */
    public double relativeWidth() {
        return feasibleMax == null || infeasibleMin == null ? Double.NaN
                : (infeasibleMin - feasibleMax) / infeasibleMin;
    }

    /**
     * The most probes a search can still need when {@code pending} is the value about to be (or being) probed,
     * whatever the verdicts turn out to be: the depth of the worst branch of the pass/fail decision tree. The
     * tree is small (a doubling chain with a few bisections hanging off each step).
     */
    public int worstCaseProbesFrom(double pending) {
        int worst = 0;
        for (boolean pass : new boolean[]{true, false}) {
            MonotonicBracket b = after(pending, pass);
            int rest = b.next(pending) instanceof Probe p ? b.worstCaseProbesFrom(p.value()) : 0;
            worst = Math.max(worst, rest);
        }
        return 1 + worst;
    }

    /** The most probes a whole search over {@code dimension} needs (every pass/fail pattern). */
    public static int worstCaseProbes(Dimension dimension, double precision) {
        MonotonicBracket b = start(dimension, precision);
        return b.worstCaseProbesFrom(b.firstProbe());
    }

    /** E.g. {@code [35, 38], 7.9% wide}, or what is still missing for a bracket. */
    public String describe() {
        if (feasibleMax == null && infeasibleMin == null) {
            return "no verdict yet";
        }
        if (infeasibleMin == null) {
            return "no failing value yet (largest passing " + num(feasibleMax) + ", hi " + num(dimension.hi()) + ")";
        }
        if (feasibleMax == null) {
            return "no passing value yet (smallest failing " + num(infeasibleMin) + ", lo " + num(dimension.lo())
                    + ")";
        }
        return String.format(Locale.ROOT, "[%s, %s], %.1f%% wide", num(feasibleMax), num(infeasibleMin),
                100 * relativeWidth());
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
