package dev.aiperf.engine.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code optuna_terminator: regret}: Optuna's {@code RegretBoundEvaluator} on this engine's GP. After every
 * iteration past the second, a GP is fitted to the scored feasible iterations (the better half once there are 20 or
 * more, Optuna's {@code top_trials_ratio} 0.5 and {@code min_n_trials} 20) and the bound on the simple regret is
 * <pre>  max over the space of UCB(x) − max over the evaluated points of LCB(x),  UCB/LCB = μ ± √β·σ,
 *   β = 2·ln(d·n²·π² / (6·0.1)) / 5</pre>
 * in objective units (maximisation form). The search stops with {@code posterior_regret_bound} once the bound is
 * below the error it is compared with. Optuna compares it with a cross-validation error, which a benchmark does not
 * have; here the error is the measurement noise the GP estimates (its noise sd), and at least
 * {@code plateauThreshold}·|best objective| (the relative scale of the plateau rule), so a noise-free curve can
 * terminate too.
 */
public final class RegretBoundTerminator {

    public static final String REASON = "posterior_regret_bound";
    private static final int MIN_N_TRIALS = 20;
    private static final double TOP_TRIALS_RATIO = 0.5;

    private final SearchSpace space;
    private final ObjectiveSpec objective;
    private final double plateauThreshold;

    public RegretBoundTerminator(SearchSpace space, ObjectiveSpec objective, double plateauThreshold) {
        this.space = space;
        this.objective = objective;
        this.plateauThreshold = plateauThreshold;
    }

    /** The bound and the error it is compared with, or empty when fewer than 3 iterations or 2 scored points. */
    public Optional<double[]> boundAndError(List<Observation> history, long seed) {
        if (history.size() <= 2) {
            return Optional.empty();
        }
        Direction dir = objective.direction();
        List<Observation> usable = new ArrayList<>(history.stream().filter(o -> o.scored() && o.feasible()).toList());
        if (usable.size() < 2) {
            return Optional.empty();
        }
        usable.sort(Comparator.comparingDouble(o -> dir.toMinimisation(o.objectives()[0])));
        if (usable.size() >= MIN_N_TRIALS) {
            usable = usable.subList(0, (int) Math.ceil(usable.size() * TOP_TRIALS_RATIO));
        }
        int n = usable.size();
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = space.toUnit(usable.get(i).point());
            // maximisation form, so UCB − LCB reads the same for both directions
            y[i] = -dir.toMinimisation(usable.get(i).objectives()[0]);
        }
        GaussianProcess gp = GaussianProcess.fit(x, y, seed);
        double beta = 2 * Math.log(space.size() * (double) n * n * Math.PI * Math.PI / (6 * 0.1)) / 5;
        double sqrtBeta = Math.sqrt(Math.max(beta, 0));
        double maxLcb = Double.NEGATIVE_INFINITY;
        double maxUcb = Double.NEGATIVE_INFINITY;
        for (double[] u : x) {
            GaussianProcess.Prediction p = gp.predict(u);
            maxLcb = Math.max(maxLcb, p.mean() - sqrtBeta * p.sd());
            maxUcb = Math.max(maxUcb, p.mean() + sqrtBeta * p.sd());
        }
        Map<String, Double> best = AcquisitionMaximizer.maximize(space, u -> {
            GaussianProcess.Prediction p = gp.predict(u);
            return p.mean() + sqrtBeta * p.sd();
        }, List.of(x[0]), Set.of(), Seeds.random(seed, 5));
        GaussianProcess.Prediction atBest = gp.predict(space.toUnit(best));
        maxUcb = Math.max(maxUcb, atBest.mean() + sqrtBeta * atBest.sd());
        double error = Math.max(Math.sqrt(gp.noiseVariance()), plateauThreshold * Math.abs(y[0]));
        return Optional.of(new double[]{maxUcb - maxLcb, error});
    }

    /** {@link #REASON} when the regret bound is below the error, else empty. */
    public Optional<String> evaluate(List<Observation> history, long seed) {
        return boundAndError(history, seed).filter(b -> b[0] < b[1]).map(b -> REASON);
    }
}
