package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Single-objective Bayesian optimisation: {@code nInitialPoints} seeded Sobol points, then each proposal
 * maximises log expected improvement of a {@link GaussianProcess} surrogate over the unit cube.
 *
 * <p>Failed iterations are modelled at the {@link FailureSentinel}. Under {@link ConstraintMode#EIC} the
 * incumbent is the best <em>feasible</em> objective and log EI is added to the log probability of
 * feasibility from {@link FeasibilityModel}; while nothing is feasible the planner maximises the probability
 * of feasibility alone. Under {@link ConstraintMode#PENALTY} infeasible observations are told to the
 * objective surrogate at the sentinel. Integer dimensions are rounded half to even; an already evaluated point
 * is never proposed again while an unevaluated one with positive acquisition rank exists.
 */
public final class BayesianPlanner implements SearchPlanner {

    private final SearchSpace space;
    private final ObjectiveSpec objective;
    private final int nInitialPoints;
    private final long seed;
    private final ConstraintMode mode;
    private final Incumbent incumbent;
    private final InitialDesign design;
    private final List<Observation> observations = new ArrayList<>();
    private final Set<Map<String, Double>> evaluated = new HashSet<>();
    private Map<String, Double> pending;
    private GaussianProcess.Hyperparameters lastHyper;

    public BayesianPlanner(SearchSpace space, ObjectiveSpec objective, int nInitialPoints, long seed,
                           ConstraintMode mode) {
        this(space, objective, nInitialPoints, seed, mode, Incumbent.BEST_OBSERVED);
    }

    /** With an explicit {@link Incumbent}: {@code BEST_POSTERIOR_MEAN} for the noisy acquisitions (qnei, qlognei). */
    public BayesianPlanner(SearchSpace space, ObjectiveSpec objective, int nInitialPoints, long seed,
                           ConstraintMode mode, Incumbent incumbent) {
        if (nInitialPoints < 1) {
            throw new ConfigException("n_initial_points must be >= 1; got " + nInitialPoints);
        }
        this.space = space;
        this.objective = objective;
        this.nInitialPoints = nInitialPoints;
        this.seed = seed;
        this.mode = mode == null ? ConstraintMode.EIC : mode;
        this.incumbent = incumbent;
        this.design = new InitialDesign(space.size(), seed);
    }

    public BayesianPlanner(SearchSpace space, ObjectiveSpec objective, int nInitialPoints, long seed) {
        this(space, objective, nInitialPoints, seed, ConstraintMode.EIC);
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
        if (observation.objectives() != null && observation.objectives().length != 1) {
            throw new IllegalArgumentException("single-objective planner told " + observation.objectives().length
                    + " objective values");
        }
        observations.add(observation);
        evaluated.add(space.fromUnit(space.toUnit(observation.point())));
        pending = null;
    }

    @Override
    public List<Observation> observations() {
        return List.copyOf(observations);
    }

    private Map<String, Double> propose() {
        boolean anyScored = observations.stream().anyMatch(Observation::scored);
        if (observations.size() < nInitialPoints || !anyScored) {
            return nextDesignPoint();
        }
        int n = observations.size();
        double[][] x = new double[n][];
        List<Double> scoredVals = new ArrayList<>();
        for (Observation o : observations) {
            if (o.scored() && (mode == ConstraintMode.EIC || o.feasible())) {
                scoredVals.add(o.objectives()[0]);
            }
        }
        double sentinel = FailureSentinel.of(scoredVals.stream().mapToDouble(Double::doubleValue).toArray(),
                objective.direction());
        double[] y = new double[n];
        Double bestFeasible = null;
        for (int i = 0; i < n; i++) {
            Observation o = observations.get(i);
            x[i] = space.toUnit(o.point());
            boolean usable = o.scored() && (mode == ConstraintMode.EIC || o.feasible());
            y[i] = usable ? o.objectives()[0] : sentinel;
            if (o.scored() && o.feasible()
                    && (bestFeasible == null || objective.direction().better(o.objectives()[0], bestFeasible))) {
                bestFeasible = o.objectives()[0];
            }
        }
        long iterSeed = seed * 1_000_003L + n;
        GaussianProcess gp = GaussianProcess.fit(x, y, iterSeed, lastHyper);
        lastHyper = gp.hyperparameters();
        FeasibilityModel feas = mode == ConstraintMode.EIC
                ? FeasibilityModel.fit(space, observations, iterSeed + 7) : null;
        if (incumbent == Incumbent.BEST_POSTERIOR_MEAN && bestFeasible != null) {
            bestFeasible = null;
            for (int i = 0; i < n; i++) {
                Observation o = observations.get(i);
                double mean = gp.predict(x[i]).mean();
                if (o.scored() && o.feasible()
                        && (bestFeasible == null || objective.direction().better(mean, bestFeasible))) {
                    bestFeasible = mean;
                }
            }
        }
        final Double best = bestFeasible;
        Direction dir = objective.direction();
        java.util.function.ToDoubleFunction<double[]> acq = u -> {
            double logPof = feas == null ? 0 : feas.logProbabilityFeasible(u);
            if (best == null) {
                return logPof;
            }
            GaussianProcess.Prediction p = gp.predict(u);
            return LogExpectedImprovement.logEi(p.mean(), p.sd(), best, dir) + logPof;
        };
        List<double[]> anchors = bestPoints(x, y, 3);
        return AcquisitionMaximizer.maximize(space, acq, anchors, evaluated, Seeds.random(iterSeed, 1));
    }

    private List<double[]> bestPoints(double[][] x, double[] y, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            idx.add(i);
        }
        Comparator<Integer> byValue = Comparator.comparingDouble(i -> objective.direction().toMinimisation(y[i]));
        idx.sort(byValue);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, idx.size()); i++) {
            out.add(x[idx.get(i)]);
        }
        return out;
    }

    private Map<String, Double> nextDesignPoint() {
        Map<String, Double> p = null;
        // Skip design points that round onto an evaluated point (small integer ranges), within reason.
        for (int tries = 0; tries < 64; tries++) {
            p = space.fromUnit(design.next());
            if (!evaluated.contains(p)) {
                return p;
            }
        }
        return p;
    }
}
