package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Single-objective Tree-structured Parzen Estimator with Optuna's defaults ({@code TPESampler}: independent per
 * dimension, {@code n_ei_candidates} 24, prior weight 1, {@code gamma(n) = min(ceil(0.1·n), 25)}).
 *
 * <p>The first {@code nInitialPoints} proposals come from the same seeded Sobol design as the GP planners. Then the
 * evaluated points are split by loss (−objective when maximising) into the best γ(n) ("below") and the rest
 * ("above"); infeasible and failed iterations always rank after the feasible ones (Optuna's constrained TPE
 * orders by violation; here the penalty is the {@link FailureSentinel}). Per dimension, in the unit interval
 * (log space under a log-uniform prior), each group becomes a Parzen mixture of truncated Gaussians: one per
 * point plus a prior component N(0.5, 1), bandwidths from the distances to the neighbouring centres clipped to
 * [1/min(100, n + 1), 1] (Optuna's "magic clip"). 24 candidates are drawn from the below mixture and the one with
 * the largest log l(x) − log g(x), summed over dimensions, is proposed; an already evaluated (rounded) point is
 * skipped while another candidate remains.
 */
public final class TpePlanner implements SearchPlanner {

    private static final int CANDIDATES = 24;
    private static final double PRIOR_WEIGHT = 1.0;

    private final SearchSpace space;
    private final ObjectiveSpec objective;
    private final int nInitialPoints;
    private final long seed;
    private final InitialDesign design;
    private final List<Observation> observations = new ArrayList<>();
    private final Set<Map<String, Double>> evaluated = new HashSet<>();
    private Map<String, Double> pending;

    public TpePlanner(SearchSpace space, ObjectiveSpec objective, int nInitialPoints, long seed) {
        if (nInitialPoints < 1) {
            throw new ConfigException("n_initial_points must be >= 1; got " + nInitialPoints);
        }
        this.space = space;
        this.objective = objective;
        this.nInitialPoints = nInitialPoints;
        this.seed = seed;
        this.design = new InitialDesign(space.size(), seed);
    }

    @Override
    public Map<String, Double> ask() {
        if (pending == null) {
            pending = propose();
        }
        return pending;
    }

    @Override
    public void tell(Observation observation) {
        observations.add(observation);
        evaluated.add(space.fromUnit(space.toUnit(observation.point())));
        pending = null;
    }

    @Override
    public List<Observation> observations() {
        return List.copyOf(observations);
    }

    /** Optuna's default gamma: the size of the "below" group for n evaluated points. */
    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    private Map<String, Double> propose() {
        int n = observations.size();
        if (n < nInitialPoints || observations.stream().noneMatch(Observation::scored)) {
            Map<String, Double> p = space.fromUnit(design.next());
            for (int tries = 0; tries < 64 && evaluated.contains(p); tries++) {
                p = space.fromUnit(design.next());
            }
            return p;
        }
        double[] scored = observations.stream().filter(o -> o.scored() && o.feasible())
                .mapToDouble(o -> o.objectives()[0]).toArray();
        double sentinel = FailureSentinel.of(scored, objective.direction());
        List<double[]> ranked = new ArrayList<>(); // {loss rank key, index}
        for (int i = 0; i < n; i++) {
            Observation o = observations.get(i);
            boolean usable = o.scored() && o.feasible();
            double loss = objective.direction().toMinimisation(usable ? o.objectives()[0] : sentinel);
            ranked.add(new double[]{usable ? 0 : 1, loss, i});
        }
        ranked.sort(Comparator.<double[]>comparingDouble(r -> r[0]).thenComparingDouble(r -> r[1])
                .thenComparingDouble(r -> r[2]));
        int nBelow = Math.max(1, gamma(n));
        int d = space.size();
        double[][] below = new double[nBelow][];
        double[][] above = new double[n - nBelow][];
        for (int r = 0; r < n; r++) {
            double[] u = space.toUnit(observations.get((int) ranked.get(r)[2]).point());
            if (r < nBelow) {
                below[r] = u;
            } else {
                above[r - nBelow] = u;
            }
        }
        Random rnd = Seeds.random(seed * 1_000_003L + n, 3);
        ParzenEstimator[] l = new ParzenEstimator[d];
        ParzenEstimator[] g = new ParzenEstimator[d];
        for (int k = 0; k < d; k++) {
            l[k] = ParzenEstimator.of(column(below, k), PRIOR_WEIGHT);
            g[k] = ParzenEstimator.of(column(above, k), PRIOR_WEIGHT);
        }
        List<double[]> candidates = new ArrayList<>();
        for (int c = 0; c < CANDIDATES; c++) {
            double[] u = new double[d];
            double score = 0;
            for (int k = 0; k < d; k++) {
                u[k] = l[k].sample(rnd);
                score += l[k].logDensity(u[k]) - g[k].logDensity(u[k]);
            }
            candidates.add(append(u, score));
        }
        candidates.sort(Comparator.comparingDouble((double[] c) -> c[d]).reversed());
        for (double[] c : candidates) {
            Map<String, Double> p = space.fromUnit(Arrays.copyOf(c, d));
            if (!evaluated.contains(p)) {
                return p;
            }
        }
        return space.fromUnit(Arrays.copyOf(candidates.get(0), d));
    }

    private static double[] column(double[][] rows, int k) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][k];
        }
        return c;
    }

    private static double[] append(double[] u, double v) {
        double[] out = Arrays.copyOf(u, u.length + 1);
        out[u.length] = v;
        return out;
    }
}
