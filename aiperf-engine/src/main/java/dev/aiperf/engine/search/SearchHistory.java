package dev.aiperf.engine.search;

import dev.aiperf.engine.sla.SlaRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code search_history.json} holds: the search configuration, one entry per iteration, and the
 * derived {@link #bestTrials()} and {@link #boundarySummary()}. Immutable; the loop builds a new one per
 * iteration with {@link #withIteration} and finishes with {@link #withConvergenceReason}.
 *
 * @param recipe            the search recipe's name, or null
 * @param convergenceReason why the search stopped; null while it is still running
 */
public record SearchHistory(Config config, List<Iteration> iterations, String recipe, String convergenceReason) {

    /** The {@code config} block. {@code randomSeed} is null when none was set. */
    public record Config(String planner, List<ObjectiveSpec> objectives, List<OutcomeConstraint> outcomeConstraints,
                         int maxIterations, int nInitialPoints, Long randomSeed, int improvementPatience,
                         int plateauWindow, double plateauThreshold, List<Dimension> searchSpace,
                         List<SlaRule> slaFilters) {
        public Config {
            objectives = List.copyOf(objectives);
            outcomeConstraints = outcomeConstraints == null ? List.of() : List.copyOf(outcomeConstraints);
            searchSpace = List.copyOf(searchSpace);
            slaFilters = slaFilters == null ? List.of() : List.copyOf(slaFilters);
        }
    }

    /**
     * One iteration. {@code objectiveValues} is null when the run failed. {@code firstBreach} (the first SLA
     * filter that failed, null if none) feeds {@code boundary_summary} and is not written per iteration.
     */
    public record Iteration(int iterationIdx, Map<String, Double> variationValues, List<Double> objectiveValues,
                            boolean feasible, boolean nonMonotonicWarning, Breach firstBreach) {
        public Iteration {
            variationValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variationValues));
            objectiveValues = objectiveValues == null ? null : List.copyOf(objectiveValues);
        }

        boolean scored() {
            if (objectiveValues == null) {
                return false;
            }
            for (Double v : objectiveValues) {
                if (v == null || !Double.isFinite(v)) {
                    return false;
                }
            }
            return true;
        }

        double[] objectives() {
            return objectiveValues.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** An SLA filter that failed and the value observed (NaN when the metric was missing). */
    public record Breach(SlaRule rule, double observed) {
    }

    /** An entry of {@code best_trials}. */
    public record BestTrial(Iteration iteration, int feasibleCount, int paretoRank) {
    }

    /** {@code boundary_summary}: for one-dimensional searches only. */
    public record BoundarySummary(String sweptDimPath, FeasibleMax feasibleMax, InfeasibleMin infeasibleMin) {
    }

    /** The largest feasible value tried; {@code objectiveValue} is its first objective, null if unscored. */
    public record FeasibleMax(double value, int iterationIdx, Double objectiveValue) {
    }

    /** The smallest infeasible value tried and the first SLA filter it broke (null if unknown). */
    public record InfeasibleMin(double value, int iterationIdx, Breach firstBreach) {
    }

    public SearchHistory {
        iterations = List.copyOf(iterations);
    }

    /** A history with no iterations yet. */
    public static SearchHistory start(Config config, String recipe) {
        return new SearchHistory(config, List.of(), recipe, null);
    }

    public SearchHistory withIteration(Iteration iteration) {
        List<Iteration> its = new ArrayList<>(iterations);
        its.add(iteration);
        return new SearchHistory(config, its, recipe, convergenceReason);
    }

    public SearchHistory withConvergenceReason(String reason) {
        return new SearchHistory(config, iterations, recipe, reason);
    }

    /**
     * Feasibility first: among scored iterations, the feasible ones if any (else all scored ones). One
     * objective: the argmax/argmin (the earliest on ties). Several: the non-dominated set, each with
     * {@code pareto_rank} 0. {@code feasible_count} is the number of feasible scored iterations. Empty when
     * nothing is scored (written as null).
     */
    public List<BestTrial> bestTrials() {
        List<Iteration> scored = iterations.stream().filter(Iteration::scored).toList();
        if (scored.isEmpty()) {
            return List.of();
        }
        List<Iteration> feasible = scored.stream().filter(Iteration::feasible).toList();
        List<Iteration> pool = feasible.isEmpty() ? scored : feasible;
        List<Direction> dirs = config.objectives().stream().map(ObjectiveSpec::direction).toList();
        if (dirs.size() == 1) {
            Iteration best = pool.get(0);
            for (Iteration it : pool) {
                if (dirs.get(0).better(it.objectives()[0], best.objectives()[0])) {
                    best = it;
                }
            }
            return List.of(new BestTrial(best, feasible.size(), 0));
        }
        List<double[]> pts = pool.stream().map(Iteration::objectives).toList();
        int[] ranks = ParetoRanking.ranks(pts, dirs);
        List<BestTrial> out = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            if (ranks[i] == 0) {
                out.add(new BestTrial(pool.get(i), feasible.size(), 0));
            }
        }
        return out;
    }

    /** Boundary between feasible and infeasible values of the single swept dimension; empty when not 1-D. */
    public Optional<BoundarySummary> boundarySummary() {
        if (config.searchSpace().size() != 1) {
            return Optional.empty();
        }
        String path = config.searchSpace().get(0).path();
        FeasibleMax fmax = null;
        InfeasibleMin imin = null;
        for (Iteration it : iterations) {
            Double v = it.variationValues().get(path);
            if (v == null) {
                continue;
            }
            if (it.feasible()) {
                if (fmax == null || v > fmax.value()) {
                    fmax = new FeasibleMax(v, it.iterationIdx(), it.scored() ? it.objectiveValues().get(0) : null);
                }
            } else if (imin == null || v < imin.value()) {
                imin = new InfeasibleMin(v, it.iterationIdx(), it.firstBreach());
            }
        }
        return Optional.of(new BoundarySummary(path, fmax, imin));
    }
}
