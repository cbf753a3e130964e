package dev.aiperf.engine.search;

/**
 * The value a surrogate is told for an iteration without an objective value, as AIPerf tells Optuna:
 * maximise → worst − max(|worst|·0.1, 1); minimise → worst + the same margin; with no scored history
 * −1e6 / +1e6.
 */
public final class FailureSentinel {

    private FailureSentinel() {
    }

    /** Sentinel given the scored values so far (empty array when none). */
    public static double of(double[] scored, Direction direction) {
        if (scored.length == 0) {
            return direction == Direction.MAXIMIZE ? -1e6 : 1e6;
        }
        double worst = scored[0];
        for (double v : scored) {
            worst = direction == Direction.MAXIMIZE ? Math.min(worst, v) : Math.max(worst, v);
        }
        double margin = Math.max(Math.abs(worst) * 0.1, 1.0);
        return direction == Direction.MAXIMIZE ? worst - margin : worst + margin;
    }
}
