package dev.aiperf.engine.search;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Maximises an acquisition function over the unit cube: a dense seeded candidate set (uniform points plus
 * Gaussian perturbations of the best observed points), then local refinement of the best few (Brent in one
 * dimension, bounded BOBYQA in more). The winner is the best refined or raw candidate whose rounded point has
 * not been evaluated yet; only if every candidate rounds to an evaluated point is one re-proposed.
 */
final class AcquisitionMaximizer {

    private static final int UNIFORM_CANDIDATES = 1024;
    private static final int PERTURBATIONS_PER_ANCHOR = 32;
    private static final int REFINED = 3;

    private AcquisitionMaximizer() {
    }

    static Map<String, Double> maximize(SearchSpace space, ToDoubleFunction<double[]> acquisition,
                                        List<double[]> anchors, Set<Map<String, Double>> evaluated, Random rnd) {
        int d = space.size();
        List<double[]> candidates = new ArrayList<>();
        for (int i = 0; i < UNIFORM_CANDIDATES; i++) {
            double[] u = new double[d];
            for (int k = 0; k < d; k++) {
                u[k] = rnd.nextDouble();
            }
            candidates.add(u);
        }
        for (double[] a : anchors) {
            for (int j = 0; j < PERTURBATIONS_PER_ANCHOR; j++) {
                double[] u = new double[d];
                double sigma = j % 2 == 0 ? 0.02 : 0.08;
                for (int k = 0; k < d; k++) {
                    u[k] = Math.min(1, Math.max(0, a[k] + sigma * rnd.nextGaussian()));
                }
                candidates.add(u);
            }
        }
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (double[] u : candidates) {
            scored.add(new Scored(u, safe(acquisition.applyAsDouble(u))));
        }
        scored.sort(Comparator.comparingDouble(Scored::value).reversed());
        List<Scored> pool = new ArrayList<>();
        for (int i = 0; i < Math.min(REFINED, scored.size()); i++) {
            pool.add(refine(scored.get(i), acquisition));
        }
        pool.addAll(scored);
        pool.sort(Comparator.comparingDouble(Scored::value).reversed());
        Set<Map<String, Double>> seen = new HashSet<>(evaluated);
        for (Scored s : pool) {
            Map<String, Double> p = space.fromUnit(s.u());
            if (!seen.contains(p)) {
                return p;
            }
        }
        return space.fromUnit(pool.get(0).u());
    }

    private record Scored(double[] u, double value) {
    }

    private static double safe(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static Scored refine(Scored start, ToDoubleFunction<double[]> acquisition) {
        int d = start.u().length;
        try {
            if (d == 1) {
                double c = start.u()[0];
                double lo = Math.max(0, c - 0.05);
                double hi = Math.min(1, c + 0.05);
                if (hi - lo < 1e-9) {
                    return start;
                }
                UnivariateFunction f = t -> safeFinite(acquisition.applyAsDouble(new double[]{t}));
                UnivariatePointValuePair p = new BrentOptimizer(1e-8, 1e-10).optimize(new MaxEval(60),
                        new UnivariateObjectiveFunction(f), GoalType.MAXIMIZE, new SearchInterval(lo, hi, c));
                return p.getValue() > start.value() ? new Scored(new double[]{p.getPoint()}, p.getValue()) : start;
            }
            double[] lo = new double[d];
            double[] hi = new double[d];
            double[] x0 = new double[d];
            for (int k = 0; k < d; k++) {
                lo[k] = 0;
                hi[k] = 1;
                x0[k] = Math.min(1 - 1e-6, Math.max(1e-6, start.u()[k]));
            }
            BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * d + 1, 0.05, 1e-6);
            PointValuePair p = opt.optimize(new MaxEval(80),
                    new ObjectiveFunction(u -> safeFinite(acquisition.applyAsDouble(u))), GoalType.MAXIMIZE,
                    new InitialGuess(x0), new SimpleBounds(lo, hi));
            return p.getValue() > start.value() ? new Scored(p.getPoint(), p.getValue()) : start;
        } catch (MathIllegalStateException e) {
            return start; // refinement is an improvement step only; the raw candidate stands
        }
    }

    private static double safeFinite(double v) {
        return Double.isFinite(v) ? v : -1e300;
    }
}
