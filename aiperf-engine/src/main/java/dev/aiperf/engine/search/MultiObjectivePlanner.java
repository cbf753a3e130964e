package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Multi-objective Bayesian optimisation: one {@link GaussianProcess} per objective after
 * {@code nInitialPoints} seeded Sobol points.
 *
 * <ul>
 *   <li>Two objectives: expected hypervolume improvement over the current feasible front, estimated by
 *       Monte Carlo with 64 seeded standard-normal draws shared by all candidates of an iteration (common
 *       random numbers make candidates comparable), multiplied by the probability of feasibility.</li>
 *   <li>More than two (or when no candidate has positive EHVI): ParEGO, a fresh random weight vector per
 *       iteration (seeded) and the augmented Chebyshev scalarisation
 *       max_k λ_k f_k + 0.05 Σ_k λ_k f_k of objectives normalised to [0, 1] (minimisation form), modelled by
 *       its own GP and maximised with log EI plus log probability of feasibility.</li>
 * </ul>
 * SLA-infeasible observations ({@code feasible == false}, from sla_filters) never enter the front; outcome
 * constraints and SLA margins in {@link Observation#constraintMargins()} are soft, through the probability
 * of feasibility. The reference point is {@link ReferencePoint#of}. Failed runs are modelled at each
 * objective's {@link FailureSentinel}.
 */
public final class MultiObjectivePlanner implements SearchPlanner {

    private static final int MC_SAMPLES = 64;
    private static final double PAREGO_RHO = 0.05;

    private final SearchSpace space;
    private final List<ObjectiveSpec> objectives;
    private final List<Direction> directions;
    private final int nInitialPoints;
    private final long seed;
    private final Incumbent incumbent;
    private final InitialDesign design;
    private final List<Observation> observations = new ArrayList<>();
    private final Set<Map<String, Double>> evaluated = new HashSet<>();
    private final GaussianProcess.Hyperparameters[] lastHyper;
    private Map<String, Double> pending;

    public MultiObjectivePlanner(SearchSpace space, List<ObjectiveSpec> objectives, int nInitialPoints, long seed) {
        this(space, objectives, nInitialPoints, seed, Incumbent.BEST_OBSERVED);
    }

    /**
     * With an explicit {@link Incumbent}: {@code BEST_POSTERIOR_MEAN} (qnehvi, qlognehvi) measures hypervolume
     * improvement against the front of the GP posterior means at the feasible evaluated points.
     */
    public MultiObjectivePlanner(SearchSpace space, List<ObjectiveSpec> objectives, int nInitialPoints, long seed,
                                 Incumbent incumbent) {
        if (objectives == null || objectives.size() < 2) {
            throw new ConfigException("objectives: multi-objective search needs at least 2 objectives; got "
                    + (objectives == null ? 0 : objectives.size()) + " (use the single-objective planner for one)");
        }
        if (nInitialPoints < 1) {
            throw new ConfigException("n_initial_points must be >= 1; got " + nInitialPoints);
        }
        this.space = space;
        this.objectives = List.copyOf(objectives);
        this.directions = objectives.stream().map(ObjectiveSpec::direction).toList();
        this.nInitialPoints = nInitialPoints;
        this.seed = seed;
        this.incumbent = incumbent;
        this.design = new InitialDesign(space.size(), seed);
        this.lastHyper = new GaussianProcess.Hyperparameters[objectives.size()];
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
        if (observation.objectives() != null && observation.objectives().length != objectives.size()) {
            throw new IllegalArgumentException("planner has " + objectives.size() + " objectives but was told "
                    + observation.objectives().length + " values");
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
        int m = objectives.size();
        long iterSeed = seed * 1_000_003L + n;
        double[][] x = new double[n][];
        double[][] y = new double[m][n];
        for (int i = 0; i < n; i++) {
            x[i] = space.toUnit(observations.get(i).point());
        }
        List<double[]> scored = new ArrayList<>();
        for (Observation o : observations) {
            if (o.scored()) {
                scored.add(o.objectives());
            }
        }
        for (int k = 0; k < m; k++) {
            final int kk = k;
            double sentinel = FailureSentinel.of(scored.stream().mapToDouble(p -> p[kk]).toArray(),
                    directions.get(k));
            for (int i = 0; i < n; i++) {
                Observation o = observations.get(i);
                y[k][i] = o.scored() ? o.objectives()[k] : sentinel;
            }
        }
        FeasibilityModel feas = FeasibilityModel.fit(space, observations, iterSeed + 11);
        Random rnd = Seeds.random(iterSeed, 1);
        List<double[]> anchors = new ArrayList<>();
        List<double[]> feasibleScored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Observation o = observations.get(i);
            if (o.scored() && o.feasible()) {
                feasibleScored.add(o.objectives());
            }
        }
        for (int idx : frontIndices()) {
            anchors.add(x[idx]);
        }
        if (m == 2) {
            GaussianProcess[] gps = new GaussianProcess[m];
            for (int k = 0; k < m; k++) {
                gps[k] = GaussianProcess.fit(x, y[k], iterSeed + k, lastHyper[k]);
                lastHyper[k] = gps[k].hyperparameters();
            }
            double[] ref = Hypervolume.toMinimisation(ReferencePoint.of(objectives, scored), directions);
            List<double[]> frontPoints = feasibleScored;
            if (incumbent == Incumbent.BEST_POSTERIOR_MEAN) {
                frontPoints = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Observation o = observations.get(i);
                    if (o.scored() && o.feasible()) {
                        frontPoints.add(new double[]{gps[0].predict(x[i]).mean(), gps[1].predict(x[i]).mean()});
                    }
                }
            }
            double[][] front = sortedFront(frontPoints);
            double[][] eps = new double[MC_SAMPLES][2];
            for (double[] e : eps) {
                e[0] = rnd.nextGaussian();
                e[1] = rnd.nextGaussian();
            }
            ToDoubleFunction<double[]> ehvi = u -> {
                GaussianProcess.Prediction p0 = gps[0].predict(u);
                GaussianProcess.Prediction p1 = gps[1].predict(u);
                double s0 = p0.sd();
                double s1 = p1.sd();
                double sum = 0;
                for (double[] e : eps) {
                    double a = directions.get(0).toMinimisation(p0.mean() + s0 * e[0]);
                    double b = directions.get(1).toMinimisation(p1.mean() + s1 * e[1]);
                    sum += Hypervolume.improvement2d(a, b, front[0], front[1], ref[0], ref[1]);
                }
                double mean = sum / eps.length;
                return mean > 0 ? Math.log(mean) + feas.logProbabilityFeasible(u) : Double.NEGATIVE_INFINITY;
            };
            Map<String, Double> p = bestWithPositive(ehvi, anchors, rnd);
            if (p != null) {
                return p;
            }
        }
        return parEgo(x, y, feas, anchors, rnd, iterSeed);
    }

    /** Maximises EHVI; null when no candidate shows any expected improvement (then ParEGO decides). */
    private Map<String, Double> bestWithPositive(ToDoubleFunction<double[]> acq, List<double[]> anchors, Random rnd) {
        boolean[] anyPositive = {false};
        ToDoubleFunction<double[]> tracking = u -> {
            double v = acq.applyAsDouble(u);
            if (v > Double.NEGATIVE_INFINITY) {
                anyPositive[0] = true;
            }
            return v;
        };
        Map<String, Double> p = AcquisitionMaximizer.maximize(space, tracking, anchors, evaluated, rnd);
        return anyPositive[0] ? p : null;
    }

    private Map<String, Double> parEgo(double[][] x, double[][] y, FeasibilityModel feas, List<double[]> anchors,
                                       Random rnd, long iterSeed) {
        int m = objectives.size();
        int n = x.length;
        double[] lambda = new double[m];
        double total = 0;
        for (int k = 0; k < m; k++) {
            lambda[k] = -Math.log(1 - rnd.nextDouble());
            total += lambda[k];
        }
        for (int k = 0; k < m; k++) {
            lambda[k] /= total;
        }
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int k = 0; k < m; k++) {
            lo[k] = Double.POSITIVE_INFINITY;
            hi[k] = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = directions.get(k).toMinimisation(y[k][i]);
                lo[k] = Math.min(lo[k], v);
                hi[k] = Math.max(hi[k], v);
            }
        }
        double[] s = new double[n];
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int k = 0; k < m; k++) {
                double range = hi[k] - lo[k];
                double f = range > 0 ? (directions.get(k).toMinimisation(y[k][i]) - lo[k]) / range : 0;
                max = Math.max(max, lambda[k] * f);
                sum += lambda[k] * f;
            }
            s[i] = max + PAREGO_RHO * sum;
            if (observations.get(i).scored() && observations.get(i).feasible()) {
                best = Math.min(best, s[i]);
            }
        }
        GaussianProcess gp = GaussianProcess.fit(x, s, iterSeed + 101);
        final double incumbent = best;
        ToDoubleFunction<double[]> acq = u -> {
            double lp = feas.logProbabilityFeasible(u);
            if (!Double.isFinite(incumbent)) {
                return lp;
            }
            GaussianProcess.Prediction p = gp.predict(u);
            return LogExpectedImprovement.logEi(p.mean(), p.sd(), incumbent, Direction.MINIMIZE) + lp;
        };
        return AcquisitionMaximizer.maximize(space, acq, anchors, evaluated, rnd);
    }

    /** Indices of feasible scored observations on the non-dominated front. */
    private List<Integer> frontIndices() {
        List<Integer> idx = new ArrayList<>();
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            if (o.scored() && o.feasible()) {
                idx.add(i);
                pts.add(o.objectives());
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int j : ParetoRanking.nonDominated(pts, directions)) {
            out.add(idx.get(j));
        }
        return out;
    }

    /** The feasible non-dominated front in minimisation form, sorted by first coordinate: {xs, ys}. */
    private double[][] sortedFront(List<double[]> feasibleScored) {
        List<double[]> min = new ArrayList<>();
        for (int j : ParetoRanking.nonDominated(feasibleScored, directions)) {
            min.add(Hypervolume.toMinimisation(feasibleScored.get(j), directions));
        }
        min.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double[] fx = new double[min.size()];
        double[] fy = new double[min.size()];
        for (int i = 0; i < min.size(); i++) {
            fx[i] = min.get(i)[0];
            fy[i] = min.get(i)[1];
        }
        return new double[][]{fx, fy};
    }

    private Map<String, Double> nextDesignPoint() {
        Map<String, Double> p = null;
        for (int tries = 0; tries < 64; tries++) {
            p = space.fromUnit(design.next());
            if (!evaluated.contains(p)) {
                return p;
            }
        }
        return p;
    }
}
