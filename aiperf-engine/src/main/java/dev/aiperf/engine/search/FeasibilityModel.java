package dev.aiperf.engine.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Probability of feasibility from one Gaussian process per constraint violation (see
 * {@link Observation#constraintMargins()}). When observations carry no margins but some are infeasible, the
 * feasible flag itself is modelled as a violation of −1 (pass) or +1 (fail). Missing violations (NaN, or a
 * failed run) are replaced by the worst observed violation plus max(10%·|worst|, 1), so they read as clear
 * breaches without wrecking the output scale.
 */
final class FeasibilityModel {

    static final String FEASIBLE_FLAG = "__feasible";

    private final List<GaussianProcess> models;

    private FeasibilityModel(List<GaussianProcess> models) {
        this.models = models;
    }

    static FeasibilityModel fit(SearchSpace space, List<Observation> obs, long seed) {
        Set<String> keys = new LinkedHashSet<>();
        boolean anyInfeasible = false;
        for (Observation o : obs) {
            keys.addAll(o.constraintMargins().keySet());
            anyInfeasible |= !o.feasible();
        }
        if (keys.isEmpty() && anyInfeasible) {
            keys.add(FEASIBLE_FLAG);
        }
        List<GaussianProcess> models = new ArrayList<>();
        int n = obs.size();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = space.toUnit(obs.get(i).point());
        }
        long s = seed;
        for (String key : keys) {
            double[] y = new double[n];
            double worst = Double.NEGATIVE_INFINITY;
            boolean any = false;
            for (int i = 0; i < n; i++) {
                Observation o = obs.get(i);
                double v = key.equals(FEASIBLE_FLAG) ? (o.feasible() ? -1.0 : 1.0)
                        : o.constraintMargins().getOrDefault(key, Double.NaN);
                y[i] = v;
                if (Double.isFinite(v)) {
                    worst = Math.max(worst, v);
                    any = true;
                }
            }
            double sentinel = any ? worst + Math.max(Math.abs(worst) * 0.1, 1.0) : 1.0;
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(y[i])) {
                    y[i] = sentinel;
                }
            }
            models.add(GaussianProcess.fit(x, y, s++));
        }
        return new FeasibilityModel(models);
    }

    boolean isEmpty() {
        return models.isEmpty();
    }

    /** Σ log P(violation_j ≤ 0) at unit point {@code u}; 0 when there are no constraints. */
    double logProbabilityFeasible(double[] u) {
        double s = 0;
        for (GaussianProcess gp : models) {
            GaussianProcess.Prediction p = gp.predict(u);
            s += LogExpectedImprovement.logProbabilityFeasible(p.mean(), p.sd());
        }
        return s;
    }
}
