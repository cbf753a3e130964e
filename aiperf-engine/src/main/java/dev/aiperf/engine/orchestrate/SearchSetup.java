package dev.aiperf.engine.orchestrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.metrics.MetricTag;
import dev.aiperf.engine.search.BayesianPlanner;
import dev.aiperf.engine.search.ConstraintMode;
import dev.aiperf.engine.search.Dimension;
import dev.aiperf.engine.search.Direction;
import dev.aiperf.engine.search.Incumbent;
import dev.aiperf.engine.search.MonotonicSlaPlanner;
import dev.aiperf.engine.search.MultiObjectivePlanner;
import dev.aiperf.engine.search.ObjectiveSpec;
import dev.aiperf.engine.search.RegretBoundTerminator;
import dev.aiperf.engine.search.SearchPlanner;
import dev.aiperf.engine.search.SearchSpace;
import dev.aiperf.engine.search.SmoothIsotonicPlanner;
import dev.aiperf.engine.search.TpePlanner;
import dev.aiperf.engine.sweep.AdaptiveSearchSweep;
import dev.aiperf.engine.sweep.OutcomeConstraint;
import dev.aiperf.engine.sweep.SamplingDimension;
import dev.aiperf.engine.sweep.SearchDimension;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.SweepParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An {@code adaptive_search} sweep turned into what the search loop needs: its space, objectives and planner,
 * checked before anything starts. Planner choice: {@code bayesian} uses {@link BayesianPlanner} for one objective
 * and {@link MultiObjectivePlanner} for two or more; {@code optuna} the same or {@link TpePlanner} by its knobs; {@code monotonic_sla} uses
 * {@link MonotonicSlaPlanner}; {@code smooth_isotonic} uses {@link SmoothIsotonicPlanner}.
 */
public final class SearchSetup {

    private SearchSetup() {
    }

    /** True when {@code config}'s sweep is an adaptive search (run by {@link SearchSession}, not a plan). */
    public static boolean isAdaptive(AIPerfConfig config) {
        JsonNode s = config.sweepTree();
        return s != null && s.isObject() && "adaptive_search".equals(s.path("type").asText(null));
    }

    /**
     * The search {@code config} describes, checked (planner against space, objectives, SLA filters) without
     * starting anything.
     *
     * @throws ConfigException when the sweep is not an adaptive search or its planner cannot run it
     */
    public static AdaptiveSearchSweep validate(AIPerfConfig config) {
        SweepConfig parsed = config.sweepTree() == null ? null
                : SweepParser.parse(config.sweepTree(), SourceLines.NONE);
        if (!(parsed instanceof AdaptiveSearchSweep adaptive)) {
            throw new ConfigException("sweep.type", "a search session needs sweep type adaptive_search; got "
                    + (parsed == null ? "no sweep" : parsed.typeName()));
        }
        planner(adaptive, 0L);
        if ("pooled".equals(adaptive.objectivePooling())) {
            for (var o : adaptive.objectives()) {
                MetricTag tag = Arrays.stream(MetricTag.values()).filter(t -> t.tag().equals(o.metric())).findFirst()
                        .orElse(null);
                if (tag != null && tag.kind() == MetricTag.Kind.AGGREGATE) {
                    throw new ConfigException("sweep.objective_pooling", "pooled takes the objective's stat over the"
                            + " trials' per-request values, but " + o.metric() + " is measured once per run and has"
                            + " none; use objective_pooling: mean, or a per-request metric such as request_latency or"
                            + " time_to_first_token");
                }
            }
        }
        if (config.multiRun() != null && config.multiRun().convergence() != null) {
            throw new ConfigException("multi_run.convergence", "adaptive search runs a fixed multi_run.num_runs per"
                    + " iteration; remove multi_run.convergence or use a grid sweep");
        }
        return adaptive;
    }

    /** What {@code aiperf plan} prints for a search: it cannot be expanded in advance, so what it will do and where. */
    public static String planText(AIPerfConfig config) {
        AdaptiveSearchSweep s = validate(config);
        int trials = config.multiRun().numRuns();
        StringBuilder sb = new StringBuilder();
        sb.append("adaptive_search").append(s.common().recipeName() == null ? "" : " (recipe "
                + s.common().recipeName() + ")").append(": planner ").append(s.planner()).append('\n');
        s.searchSpace().forEach(d -> sb.append("  search ").append(d.path()).append(" in [").append(d.lo())
                .append(", ").append(d.hi()).append("] ").append(d.kind().name().toLowerCase(Locale.ROOT))
                .append(' ').append(d.prior().yamlName()).append('\n'));
        s.objectives().forEach(o -> sb.append("  objective ").append(o.direction().name().toLowerCase(Locale.ROOT))
                .append(' ').append(o.metric()).append(' ').append(o.stat()).append('\n'));
        s.common().slaFilters().forEach(r -> sb.append("  sla filter ").append(r.spec()).append('\n'));
        sb.append("  at most ").append(s.maxIterations()).append(" iteration(s) x ").append(trials)
                .append(" trial(s) = ").append(s.maxIterations() * trials).append(" runs, into ")
                .append(config.benchmark().artifacts().dir().resolve("search_iter_NNNN/profile_runs/run_NNNN"))
                .append('\n');
        return sb.toString();
    }

    /** The search space of {@code sweep}, in its declared order. */
    public static SearchSpace space(AdaptiveSearchSweep sweep) {
        List<Dimension> dims = new ArrayList<>();
        for (SearchDimension d : sweep.searchSpace()) {
            dims.add(new Dimension(d.path(), d.lo(), d.hi(),
                    d.kind() == SamplingDimension.ValueKind.INT ? Dimension.Kind.INT : Dimension.Kind.REAL,
                    d.prior() == SearchDimension.Prior.LOG_UNIFORM ? Dimension.Prior.LOG_UNIFORM
                            : Dimension.Prior.UNIFORM));
        }
        return new SearchSpace(dims);
    }

    /** The objectives of {@code sweep}, in order. */
    public static List<ObjectiveSpec> objectives(AdaptiveSearchSweep sweep) {
        return sweep.objectives().stream().map(o -> new ObjectiveSpec(o.metric(), o.stat(),
                Direction.valueOf(o.direction().name()), o.threshold())).toList();
    }

    /** The soft outcome constraints of {@code sweep}. */
    public static List<OutcomeConstraint> outcomeConstraints(AdaptiveSearchSweep sweep) {
        return sweep.outcomeConstraints();
    }

    /** The planner {@code sweep} asks for, seeded with {@code seed}. */
    public static SearchPlanner planner(AdaptiveSearchSweep sweep, long seed) {
        SearchSpace space = space(sweep);
        List<ObjectiveSpec> objectives = objectives(sweep);
        return switch (sweep.planner()) {
            case "bayesian" -> objectives.size() >= 2
                    ? new MultiObjectivePlanner(space, objectives, sweep.nInitialPoints(), seed)
                    : new BayesianPlanner(space, objectives.get(0), sweep.nInitialPoints(), seed,
                    "eic".equals(sweep.constraintMode()) ? ConstraintMode.EIC : ConstraintMode.PENALTY);
            case "optuna" -> optuna(sweep, space, objectives, seed);
            case "monotonic_sla" -> {
                Dimension d = boundaryDimension(sweep, space);
                yield new MonotonicSlaPlanner(d, sweep.monotonicStabilityTrials(), 0.05);
            }
            case "smooth_isotonic" -> new SmoothIsotonicPlanner(boundaryDimension(sweep, space), 0.05, seed);
            default -> throw new ConfigException("sweep.planner", "planner '" + sweep.planner() + "' is not"
                    + " available in this version; use bayesian, optuna, monotonic_sla or smooth_isotonic");
        };
    }

    /**
     * planner: optuna. {@code tpe} → {@link TpePlanner}; {@code botorch} and {@code gp} → the GP planners with the
     * incumbent the acquisition names: the noisy ones (qnei, qlognei, qnehvi, qlognehvi, and botorch's defaults
     * qlognei / qlognehvi) improve on the best posterior mean, the others (logei, qlogei, qehvi, and gp's own log EI /
     * log EHVI) on the best observation. Combinations without a meaning here were refused by the parser.
     */
    private static SearchPlanner optuna(AdaptiveSearchSweep sweep, SearchSpace space, List<ObjectiveSpec> objectives,
                                        long seed) {
        if ("tpe".equals(sweep.optunaSampler())) {
            return new TpePlanner(space, objectives.get(0), sweep.nInitialPoints(), seed);
        }
        String acq = sweep.optunaAcquisition();
        boolean noisy = acq == null ? !"gp".equals(sweep.optunaSampler())
                : List.of("qnei", "qlognei", "qnehvi", "qlognehvi").contains(acq);
        Incumbent incumbent = noisy ? Incumbent.BEST_POSTERIOR_MEAN : Incumbent.BEST_OBSERVED;
        return objectives.size() >= 2
                ? new MultiObjectivePlanner(space, objectives, sweep.nInitialPoints(), seed, incumbent)
                : new BayesianPlanner(space, objectives.get(0), sweep.nInitialPoints(), seed,
                "eic".equals(sweep.constraintMode()) ? ConstraintMode.EIC : ConstraintMode.PENALTY, incumbent);
    }

    /** The terminator of a planner: optuna search with {@code optuna_terminator: regret}, else empty. */
    public static Optional<RegretBoundTerminator> terminator(AdaptiveSearchSweep sweep) {
        if (!"optuna".equals(sweep.planner()) || !"regret".equals(sweep.optunaTerminator())
                || sweep.objectives().size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new RegretBoundTerminator(space(sweep), objectives(sweep).get(0),
                sweep.plateauThreshold()));
    }

    /** The one dimension a boundary planner (monotonic_sla, smooth_isotonic) searches, which needs SLA filters. */
    private static Dimension boundaryDimension(AdaptiveSearchSweep sweep, SearchSpace space) {
        if (space.size() != 1) {
            throw new ConfigException("sweep.search_space", "planner " + sweep.planner() + " searches exactly one"
                    + " dimension; got " + space.size() + " (use planner bayesian for several)");
        }
        if (sweep.common().slaFilters().isEmpty()) {
            throw new ConfigException("sweep.sla_filters", "planner " + sweep.planner() + " finds the largest value"
                    + " that passes the SLA, so it needs at least one sla_filters entry, e.g."
                    + " {metric_tag: time_to_first_token, stat: p95, op: lt, threshold: 200}");
        }
        return space.dimensions().get(0);
    }
}
