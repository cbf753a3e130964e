package dev.aiperf.engine.sweep;

import java.util.List;

/**
 * Adaptive (Bayesian or monotonic) search: the planner proposes one point per iteration. This record is the parsed,
 * validated configuration; the planner lives in the search package.
 *
 * @param planner                  bayesian (default), optuna, monotonic_sla or smooth_isotonic
 * @param searchSpace              the dimensions searched (unique paths)
 * @param objectives               at least one
 * @param outcomeConstraints       soft constraints evaluated on averages
 * @param maxIterations            2..200, required
 * @param nInitialPoints           space-filling points before the surrogate fits (default 5)
 * @param plateauWindow            default 8, at least 2
 * @param plateauThreshold         coefficient of variation below which the objective has plateaued (default 0.01)
 * @param improvementPatience      iterations without improvement before stopping (default 10, at least 2)
 * @param randomSeed               planner seed, or {@code null}
 * @param optunaSampler            botorch (default), gp or tpe
 * @param optunaAcquisition        logei, qlogei, qnei, qlognei, qehvi, qnehvi, qlognehvi, or {@code null} (automatic)
 * @param optunaTerminator         regret, emmr, none, or {@code null} (not set)
 * @param objectivePooling         mean (default) or pooled
 * @param monotonicStabilityTrials agreeing trials per verdict of monotonic_sla (default 2)
 * @param slaPrecision             tight, normal (default) or coarse
 * @param constraintMode           penalty (default) or eic
 */
public record AdaptiveSearchSweep(
        SweepCommon common,
        String planner,
        List<SearchDimension> searchSpace,
        List<Objective> objectives,
        List<OutcomeConstraint> outcomeConstraints,
        int maxIterations,
        int nInitialPoints,
        int plateauWindow,
        double plateauThreshold,
        int improvementPatience,
        Long randomSeed,
        String optunaSampler,
        String optunaAcquisition,
        String optunaTerminator,
        String objectivePooling,
        int monotonicStabilityTrials,
        String slaPrecision,
        String constraintMode) implements SweepConfig {

    public AdaptiveSearchSweep {
        searchSpace = List.copyOf(searchSpace);
        objectives = List.copyOf(objectives);
        outcomeConstraints = List.copyOf(outcomeConstraints);
    }

    @Override
    public String typeName() {
        return "adaptive_search";
    }

    /** Each iteration's trials run back to back. */
    @Override
    public IterationOrder iterationOrder() {
        return IterationOrder.INDEPENDENT;
    }

    /** Requests per probe implied by {@link #slaPrecision()}: 10000, 1000 or 300. */
    public int requestsPerProbe() {
        return switch (slaPrecision) {
            case "tight" -> 10000;
            case "coarse" -> 300;
            default -> 1000;
        };
    }
}
