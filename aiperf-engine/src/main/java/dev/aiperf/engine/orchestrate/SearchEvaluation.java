package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.SlaBreach;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.search.ObjectiveSpec;
import dev.aiperf.engine.metrics.Stats;
import dev.aiperf.engine.stats.RequestValues;
import dev.aiperf.engine.stats.RunSummary;
import dev.aiperf.engine.sweep.OutcomeConstraint;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** What one search iteration's trials tell the planner: AIPerf's {@code tell}. */
public final class SearchEvaluation {

    private SearchEvaluation() {
    }

    /**
     * What one iteration told the planner.
     *
     * @param objectives  one value per objective, or {@code null} when any is missing (a failed iteration)
     * @param feasible    whether the SLA filters hold (true without filters, unless every trial failed)
     * @param margins     violation per SLA filter ({@code spec}) and outcome constraint; &gt; 0 is violated
     * @param firstBreach the first SLA filter whose mean broke it, or {@code null}
     */
    public record Evaluation(double[] objectives, boolean feasible, Map<String, Double> margins,
                             SlaBreach firstBreach) {
    }

    /**
     * AIPerf's {@code tell}: objective_i = mean of the finite per-trial {@code <metric>_<stat>} over the successful
     * trials; feasible iff every filter's mean exists and some successful trial passes every filter; the margin of
     * a filter is {@code mean − threshold} for lt/le and {@code threshold − mean} for gt/ge (NaN when missing);
     * outcome constraints are judged on the mean of the metric's {@code avg}.
     */
    public static Evaluation evaluate(List<RunSummary> trials, List<ObjectiveSpec> objectives, List<SlaRule> filters,
                                      List<OutcomeConstraint> constraints) {
        return evaluate(trials, objectives, filters, constraints, false);
    }

    /**
     * Like {@link #evaluate(List, List, List, List)}; with {@code pooled} ({@code objective_pooling: pooled}) each
     * objective is instead its stat over the successful trials' per-request values pooled into one sample
     * ({@code profile_export.jsonl}): the p95 of all requests rather than the mean of the trials' p95s. SLA filters
     * and constraints are judged as without pooling.
     */
    public static Evaluation evaluate(List<RunSummary> trials, List<ObjectiveSpec> objectives, List<SlaRule> filters,
                                      List<OutcomeConstraint> constraints, boolean pooled) {
        List<RunSummary> ok = trials.stream().filter(RunSummary::succeeded).toList();
        double[] values = new double[objectives.size()];
        boolean scored = !ok.isEmpty();
        for (int i = 0; i < values.length && scored; i++) {
            OptionalDouble m = pooled ? pooledStat(ok, objectives.get(i).metric(), objectives.get(i).stat())
                    : mean(ok, objectives.get(i).metric(), objectives.get(i).stat());
            if (m.isEmpty()) {
                scored = false;
            } else {
                values[i] = m.getAsDouble();
            }
        }
        Map<String, Double> margins = new LinkedHashMap<>();
        SlaBreach firstBreach = null;
        boolean meansPass = !ok.isEmpty();
        for (SlaRule rule : filters) {
            OptionalDouble m = mean(ok, rule.metric(), rule.stat());
            double observed = m.isPresent() ? m.getAsDouble() : Double.NaN;
            double margin = Double.isNaN(observed) ? Double.NaN
                    : rule.op() == SlaOp.LT || rule.op() == SlaOp.LE ? observed - rule.threshold()
                    : rule.threshold() - observed;
            margins.put(rule.spec(), margin);
            boolean pass = m.isPresent() && rule.passes(observed);
            if (!pass) {
                meansPass = m.isPresent() && meansPass;
                if (firstBreach == null) {
                    firstBreach = new SlaBreach(rule, observed);
                }
            }
        }
        boolean anyTrialPasses = false;
        for (RunSummary r : ok) {
            boolean all = true;
            for (SlaRule rule : filters) {
                OptionalDouble v = r.stat(rule.metric(), rule.stat());
                if (v.isEmpty() || !Double.isFinite(v.getAsDouble()) || !rule.passes(v.getAsDouble())) {
                    all = false;
                    break;
                }
            }
            anyTrialPasses |= all;
        }
        for (OutcomeConstraint c : constraints) {
            OptionalDouble m = mean(ok, c.metric(), "avg");
            margins.put(c.metric() + " " + c.op() + " " + c.bound(), c.violation(m.isPresent() ? m.getAsDouble()
                    : Double.NaN));
        }
        boolean everyMeanExists = filters.stream().allMatch(r -> mean(ok, r.metric(), r.stat()).isPresent());
        boolean feasible = !ok.isEmpty() && everyMeanExists && anyTrialPasses;
        return new Evaluation(scored ? values : null, feasible, margins, firstBreach);
    }

    /** {@code stat} (avg or pNN) of the runs' per-request values of {@code metric} pooled; empty without any. */
    static OptionalDouble pooledStat(List<RunSummary> runs, String metric, String stat) {
        double[] all = runs.stream().filter(r -> r.directory() != null)
                .flatMapToDouble(r -> Arrays.stream(RequestValues.of(r.directory(), metric)))
                .filter(Double::isFinite).sorted().toArray();
        if (all.length == 0) {
            return OptionalDouble.empty();
        }
        if ("avg".equals(stat)) {
            return Arrays.stream(all).average();
        }
        return OptionalDouble.of(Stats.percentile(all, Double.parseDouble(stat.substring(1))));
    }

    private static OptionalDouble mean(List<RunSummary> runs, String metric, String stat) {
        double sum = 0;
        int n = 0;
        for (RunSummary r : runs) {
            OptionalDouble v = r.stat(metric, stat);
            if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
                sum += v.getAsDouble();
                n++;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }
}
