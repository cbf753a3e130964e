package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.config.Fields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an {@code adaptive_search} sweep: the planner, its search space, objectives and outcome constraints, and
 * the knobs of its stop rules. Ranges and defaults are AIPerf's.
 */
final class AdaptiveSearchParser {
    static final List<String> KEYS = List.of("planner", "search_space", "objectives", "outcome_constraints",
            "max_iterations", "n_initial_points", "plateau_window", "plateau_threshold", "improvement_patience",
            "random_seed", "optuna_sampler", "optuna_acquisition", "optuna_terminator", "objective_pooling",
            "monotonic_stability_trials", "sla_precision", "constraint_mode");
    private static final List<String> SINGLE_OBJECTIVE_ACQ = List.of("logei", "qlogei", "qnei", "qlognei");
    private static final List<String> MULTI_OBJECTIVE_ACQ = List.of("qehvi", "qnehvi", "qlognehvi");
    /** Knobs that only planner: optuna reads. */
    private static final List<String> OPTUNA_KNOBS = List.of("optuna_sampler", "optuna_acquisition",
            "optuna_terminator");
    /** Knobs of the plateau and patience stop rules, which the one-dimensional planners do not use. */
    private static final List<String> PLATEAU_KNOBS = List.of("plateau_window", "plateau_threshold",
            "improvement_patience");

    private AdaptiveSearchParser() {
    }

    /** {@code null} when a problem was recorded. */
    static SweepConfig parse(Fields f, List<String> warnings) {
        String planner = f.choice("planner", "bayesian", List.of("bayesian", "optuna", "monotonic_sla",
                "smooth_isotonic"));
        List<SearchDimension> space = searchSpace(f);
        List<Objective> objectives = objectives(f);
        List<OutcomeConstraint> constraints = outcomeConstraints(f);
        Integer maxIt = null;
        if (!f.has("max_iterations")) {
            f.error("max_iterations", "is required for adaptive_search (2..200)");
        } else {
            maxIt = f.intInRange("max_iterations", null, 2, 200);
        }
        Integer nInit = f.intInRange("n_initial_points", 5, 1, 200);
        boolean fitsSurrogate = "bayesian".equals(planner) || "optuna".equals(planner);
        if (fitsSurrogate && maxIt != null && nInit != null && nInit >= maxIt) {
            f.error("n_initial_points", "n_initial_points (" + nInit + ") must be < max_iterations (" + maxIt
                    + "); otherwise the GP never fits.");
        }
        Integer plateauWindow = f.intInRange("plateau_window", 8, 2, Integer.MAX_VALUE);
        Double plateauThreshold = f.has("plateau_threshold") ? f.number("plateau_threshold", 0, true)
                : Double.valueOf(0.01);
        Integer patience = f.intInRange("improvement_patience", 10, 2, Integer.MAX_VALUE);
        Long seed = f.wholeNumber("random_seed");
        String sampler = f.choice("optuna_sampler", "botorch", List.of("botorch", "gp", "tpe"));
        String acquisition = acquisition(f, objectives);
        String terminator = f.choice("optuna_terminator", null, List.of("regret", "emmr", "none"));
        String pooling = f.choice("objective_pooling", "mean", List.of("mean", "pooled"));
        Integer stability = f.intInRange("monotonic_stability_trials", 2, 1, 100);
        String precision = f.choice("sla_precision", "normal", List.of("tight", "normal", "coarse"));
        String constraintMode = f.choice("constraint_mode", "penalty", List.of("penalty", "eic"));
        if ("optuna".equals(planner)) {
            checkOptunaKnobs(f, sampler, acquisition, terminator, constraintMode, objectives);
        } else {
            List<String> knobs = OPTUNA_KNOBS.stream().filter(f::has).toList();
            if (!knobs.isEmpty()) {
                warnings.add(f.path() + ": " + knobs + " have no effect with planner '" + planner
                        + "'; they choose the sampler, acquisition and terminator of planner: optuna");
            }
        }
        if ("monotonic_sla".equals(planner) || "smooth_isotonic".equals(planner)) {
            List<String> knobs = PLATEAU_KNOBS.stream().filter(f::has).toList();
            if (!knobs.isEmpty()) {
                warnings.add(f.path() + ": " + knobs + " have no effect with planner '" + planner
                        + "', which stops on its own precision rule");
            }
        }
        SweepCommon common = SweepCommonParser.parse(f, warnings);
        if (f.hasProblems()) {
            return null;
        }
        return new AdaptiveSearchSweep(common, planner, space, objectives, constraints, maxIt, nInit, plateauWindow,
                plateauThreshold, patience, seed, sampler, acquisition, terminator, pooling, stability, precision,
                constraintMode);
    }

    private static List<SearchDimension> searchSpace(Fields f) {
        JsonNode list = f.get("search_space");
        if (list == null || !list.isArray() || list.isEmpty()) {
            f.error("search_space", "needs at least one dimension, e.g. [{path: concurrency, lo: 1, hi: 1000,"
                    + " kind: int, prior: log-uniform}]");
            return List.of();
        }
        List<SearchDimension> space = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Fields d = f.mapping("search_space", i);
            if (d == null) {
                continue;
            }
            d.allowOnly(List.of("path", "lo", "hi", "kind", "prior"));
            String raw = d.requiredString("path");
            String path = raw == null ? null : DottedPath.canonical(raw, d, "path");
            if (path != null && !paths.add(path)) {
                d.error("path", "'" + path + "' is already in the search space; paths must be unique");
            }
            Bounds bounds = Bounds.read(d);
            String kind = d.choice("kind", "real", List.of("int", "real"));
            String prior = d.choice("prior", "uniform", List.of("uniform", "log-uniform"));
            if (bounds == null || kind == null || prior == null) {
                continue;
            }
            if (prior.equals("log-uniform") && bounds.lo() <= 0) {
                d.error("lo", "prior: log-uniform requires lo > 0, got " + PythonStr.floatRepr(bounds.lo()));
                continue;
            }
            space.add(new SearchDimension(path, bounds.lo(), bounds.hi(),
                    SamplingDimension.ValueKind.valueOf(kind.toUpperCase(Locale.ROOT)),
                    prior.equals("uniform") ? SearchDimension.Prior.UNIFORM : SearchDimension.Prior.LOG_UNIFORM));
        }
        return space;
    }

    /** The objectives; {@code null} unless every one was read, as their count decides the acquisition check. */
    private static List<Objective> objectives(Fields f) {
        JsonNode list = f.get("objectives");
        if (list == null || !list.isArray() || list.isEmpty()) {
            f.error("objectives", "needs at least one objective, e.g. [{metric: output_token_throughput,"
                    + " stat: avg, direction: MAXIMIZE}]");
            return null;
        }
        List<Objective> objectives = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Fields o = f.mapping("objectives", i);
            if (o == null) {
                continue;
            }
            o.allowOnly(List.of("metric", "stat", "direction", "threshold"));
            String metric = o.requiredString("metric");
            String stat = o.choice("stat", "avg", List.of("avg", "p50", "p90", "p95", "p99"));
            String direction = o.requiredString("direction");
            String dir = direction == null ? null : direction.toUpperCase(Locale.ROOT);
            if (dir != null && !dir.equals("MAXIMIZE") && !dir.equals("MINIMIZE")) {
                o.error("direction", "must be MAXIMIZE or MINIMIZE, got '" + direction + "'");
                dir = null;
            }
            Double threshold = o.number("threshold");
            if (metric != null && stat != null && dir != null && (threshold != null || !o.has("threshold"))) {
                objectives.add(new Objective(metric, stat, Objective.Direction.valueOf(dir), threshold));
            }
        }
        return objectives.size() == list.size() ? objectives : null;
    }

    private static List<OutcomeConstraint> outcomeConstraints(Fields f) {
        List<OutcomeConstraint> constraints = new ArrayList<>();
        if (!f.has("outcome_constraints")) {
            return constraints;
        }
        JsonNode list = f.get("outcome_constraints");
        if (!list.isArray()) {
            f.error("outcome_constraints", "must be a list of {metric, op, bound}");
            return constraints;
        }
        for (int i = 0; i < list.size(); i++) {
            Fields c = f.mapping("outcome_constraints", i);
            if (c == null) {
                continue;
            }
            c.allowOnly(List.of("metric", "op", "bound"));
            String metric = c.requiredString("metric");
            if (!c.has("op")) {
                c.error("op", "is required: one of <=, >=, ==");
            }
            String op = c.choice("op", null, List.of("<=", ">=", "=="));
            Double bound = c.requiredNumber("bound");
            if (metric != null && op != null && bound != null) {
                constraints.add(new OutcomeConstraint(metric, op, bound));
            }
        }
        return constraints;
    }

    /**
     * The combinations of planner: optuna's knobs this engine cannot give the meaning Optuna gives them (docs/SEARCH.md,
     * "planner: optuna"): each is refused with what to use instead.
     */
    private static void checkOptunaKnobs(Fields f, String sampler, String acquisition, String terminator,
                                         String constraintMode, List<Objective> objectives) {
        int m = objectives == null ? -1 : objectives.size();
        if ("emmr".equals(terminator)) {
            f.error("optuna_terminator", "'emmr' (expected minimum model regret) compares consecutive GP posteriors"
                    + " through a KL bound this engine does not compute; use 'regret' (posterior regret bound) or"
                    + " 'none'");
        }
        if ("regret".equals(terminator) && m >= 2) {
            f.error("optuna_terminator", "'regret' bounds the regret of one objective; with " + m + " objectives use"
                    + " 'none' (improvement_patience and plateau_cv still apply)");
        }
        if ("tpe".equals(sampler)) {
            if (acquisition != null) {
                f.error("optuna_acquisition", "'" + acquisition + "' is an acquisition function of a GP sampler;"
                        + " optuna_sampler 'tpe' proposes by its density ratio l(x)/g(x) and has none; remove"
                        + " optuna_acquisition or use optuna_sampler 'botorch'");
            }
            if ("eic".equals(constraintMode)) {
                f.error("constraint_mode", "'eic' weights a GP acquisition by the probability of feasibility;"
                        + " optuna_sampler 'tpe' has no acquisition to weight; use constraint_mode 'penalty' or"
                        + " optuna_sampler 'botorch'");
            }
            if (m >= 2) {
                f.error("optuna_sampler", "'tpe' is single-objective here (no MOTPE); with " + m + " objectives use"
                        + " optuna_sampler 'botorch' or 'gp' (expected hypervolume improvement)");
            }
        }
        if ("gp".equals(sampler) && acquisition != null) {
            String own = m >= 2 ? "qehvi" : "logei";
            if (m >= 1 && !acquisition.equals(own)) {
                f.error("optuna_acquisition", "optuna_sampler 'gp' has a fixed acquisition ('" + own + "' with " + m
                        + " objective(s)); '" + acquisition + "' needs optuna_sampler 'botorch'");
            }
        }
    }

    /** {@code optuna_acquisition}, checked against the number of objectives (single- or multi-objective). */
    private static String acquisition(Fields f, List<Objective> objectives) {
        List<String> all = new ArrayList<>(SINGLE_OBJECTIVE_ACQ);
        all.addAll(MULTI_OBJECTIVE_ACQ);
        String acq = f.choice("optuna_acquisition", null, all);
        if (acq == null || objectives == null) {
            return acq;
        }
        if (SINGLE_OBJECTIVE_ACQ.contains(acq) && objectives.size() != 1) {
            f.error("optuna_acquisition", "'" + acq + "' is a single-objective acquisition and needs exactly 1"
                    + " objective, got " + objectives.size() + "; use one of " + MULTI_OBJECTIVE_ACQ);
        }
        if (MULTI_OBJECTIVE_ACQ.contains(acq) && objectives.size() < 2) {
            f.error("optuna_acquisition", "'" + acq + "' is a multi-objective acquisition and needs at least 2"
                    + " objectives, got " + objectives.size() + "; use one of " + SINGLE_OBJECTIVE_ACQ);
        }
        return acq;
    }
}
