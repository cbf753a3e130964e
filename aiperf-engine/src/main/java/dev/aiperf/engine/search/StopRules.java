package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AIPerf's three-signal convergence check, evaluated after every iteration; the first rule that matches wins.
 * <ol>
 *   <li>{@code max_iterations}: the number of iterations reached {@code maxIterations};</li>
 *   <li>{@code improvement_patience}: {@code improvementPatience} iterations in a row without improvement.
 *       One objective: loss = −objective when maximising (the objective when minimising); an iteration
 *       improves only if its loss is strictly below the best so far; a failed iteration never improves.
 *       Several objectives: the hypervolume of the feasible scored points, counted only once
 *       {@code nInitialPoints} points are scored; an iteration improves iff hv &gt; best·(1 + 1e-6). The
 *       reference point is fixed when counting starts ({@link ReferencePoint#of} over the points scored by
 *       then), so later hypervolumes are comparable;</li>
 *   <li>{@code plateau_cv}: the last {@code plateauWindow} iterations are all scored and, for every objective,
 *       |mean| ≥ 1e-9 and sample standard deviation / |mean| &lt; {@code plateauThreshold}.</li>
 * </ol>
 */
public record StopRules(int maxIterations, int improvementPatience, int plateauWindow, double plateauThreshold,
                        int nInitialPoints) {

    public static final String MAX_ITERATIONS = "max_iterations";
    public static final String IMPROVEMENT_PATIENCE = "improvement_patience";
    public static final String PLATEAU_CV = "plateau_cv";
    public static final String UNKNOWN = "unknown";

    public StopRules {
        if (maxIterations < 2 || maxIterations > 200) {
            throw new ConfigException("max_iterations must be in 2..200; got " + maxIterations);
        }
        if (improvementPatience < 2) {
            throw new ConfigException("improvement_patience must be >= 2; got " + improvementPatience);
        }
        if (plateauWindow < 2) {
            throw new ConfigException("plateau_window must be >= 2; got " + plateauWindow);
        }
        if (!(plateauThreshold > 0)) {
            throw new ConfigException("plateau_threshold must be > 0; got " + plateauThreshold);
        }
    }

    /** AIPerf's defaults (patience 10, window 8, threshold 0.01, 5 initial points) for {@code maxIterations}. */
    public static StopRules defaults(int maxIterations) {
        return new StopRules(maxIterations, 10, 8, 0.01, 5);
    }

    /** The reason to stop after the given history, or empty to continue. */
    public Optional<String> evaluate(List<Observation> history, List<ObjectiveSpec> objectives) {
        if (history.size() >= maxIterations) {
            return Optional.of(MAX_ITERATIONS);
        }
        int stale = objectives.size() == 1 ? staleSingle(history, objectives.get(0).direction())
                : staleHypervolume(history, objectives);
        if (stale >= improvementPatience) {
            return Optional.of(IMPROVEMENT_PATIENCE);
        }
        if (plateau(history, objectives.size())) {
            return Optional.of(PLATEAU_CV);
        }
        return Optional.empty();
    }

    private static int staleSingle(List<Observation> history, Direction direction) {
        double bestLoss = Double.POSITIVE_INFINITY;
        int stale = 0;
        for (Observation o : history) {
            if (o.scored()) {
                double loss = direction.toMinimisation(o.objectives()[0]);
                if (loss < bestLoss) {
                    bestLoss = loss;
                    stale = 0;
                    continue;
                }
            }
            stale++;
        }
        return stale;
    }

    private int staleHypervolume(List<Observation> history, List<ObjectiveSpec> objectives) {
        List<Direction> dirs = objectives.stream().map(ObjectiveSpec::direction).toList();
        List<double[]> scored = new ArrayList<>();
        List<double[]> feasible = new ArrayList<>();
        double[] ref = null;
        double best = Double.NaN;
        int stale = 0;
        for (Observation o : history) {
            if (o.scored()) {
                scored.add(o.objectives());
                if (o.feasible()) {
                    feasible.add(o.objectives());
                }
            }
            if (ref == null) {
                if (scored.size() < nInitialPoints) {
                    continue;
                }
                ref = ReferencePoint.of(objectives, scored);
                best = Hypervolume.of(feasible, ref, dirs);
                stale = 0;
                continue;
            }
            double hv = Hypervolume.of(feasible, ref, dirs);
            if (hv > best * (1 + 1e-6) && hv > 0) {
                best = hv;
                stale = 0;
            } else {
                stale++;
            }
        }
        return stale;
    }

    private boolean plateau(List<Observation> history, int m) {
        if (history.size() < plateauWindow) {
            return false;
        }
        List<Observation> window = history.subList(history.size() - plateauWindow, history.size());
        for (Observation o : window) {
            if (!o.scored()) {
                return false;
            }
        }
        for (int k = 0; k < m; k++) {
            double mean = 0;
            for (Observation o : window) {
                mean += o.objectives()[k];
            }
            mean /= plateauWindow;
            if (Math.abs(mean) < 1e-9) {
                return false;
            }
            double ss = 0;
            for (Observation o : window) {
                double d = o.objectives()[k] - mean;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / (plateauWindow - 1));
            if (!(sd / Math.abs(mean) < plateauThreshold)) {
                return false;
            }
        }
        return true;
    }
}
