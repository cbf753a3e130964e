package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.SearchResult;

import dev.aiperf.engine.api.model.SlaBreach;

import dev.aiperf.engine.api.model.SearchIteration;

import dev.aiperf.engine.api.model.BestTrial;

import dev.aiperf.engine.api.model.ProfileResult;

import dev.aiperf.engine.api.model.CellResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.plan.CooldownKind;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.plan.PlannedRun;
import dev.aiperf.engine.plan.RunLayout;
import dev.aiperf.engine.plan.RunTimeEstimate;
import dev.aiperf.engine.search.BayesianPlanner;
import dev.aiperf.engine.search.ConstraintMode;
import dev.aiperf.engine.search.Dimension;
import dev.aiperf.engine.search.Direction;
import dev.aiperf.engine.search.MonotonicSlaPlanner;
import dev.aiperf.engine.search.MultiObjectivePlanner;
import dev.aiperf.engine.search.ObjectiveSpec;
import dev.aiperf.engine.search.Observation;
import dev.aiperf.engine.sweep.OutcomeConstraint;
import dev.aiperf.engine.search.SearchHistory;
import dev.aiperf.engine.search.SearchHistoryWriter;
import dev.aiperf.engine.search.SearchPlanner;
import dev.aiperf.engine.search.SearchSpace;
import dev.aiperf.engine.search.StopRules;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.stats.Aggregates;
import dev.aiperf.engine.api.model.FailedRun;
import dev.aiperf.engine.stats.RunSummary;
import dev.aiperf.engine.stats.RunSummaryReader;
import dev.aiperf.engine.stats.SweepAggregate;
import dev.aiperf.engine.sweep.AdaptiveSearchSweep;
import dev.aiperf.engine.sweep.DottedPath;
import dev.aiperf.engine.sweep.SamplingDimension;
import dev.aiperf.engine.sweep.SearchDimension;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.SweepExpander;
import dev.aiperf.engine.sweep.SweepParser;
import dev.aiperf.engine.sweep.Variation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * Runs an {@code adaptive_search} sweep against real servers: the planner proposes a point, the session runs
 * {@code multi_run.num_runs} trials of it into {@code <base>/search_iter_NNNN/profile_runs/run_NNNN/}, reads
 * the results back from the run directories, tells the planner the objective (mean over successful trials of
 * {@code <metric>_<stat>}) and the SLA feasibility, rewrites {@code search_history.json}, and stops on the
 * planner's own reason or a stop rule. At the end it writes the per-cell and sweep aggregates.
 *
 * <p>Planner choice: {@code bayesian} and {@code optuna} use {@link BayesianPlanner} for one objective and
 * {@link MultiObjectivePlanner} for two or more; {@code monotonic_sla} uses {@link MonotonicSlaPlanner}, for
 * which only {@code max_iterations} applies besides its own stop (improvement and plateau rules measure an
 * optimiser, not a boundary search). {@code smooth_isotonic} is not implemented and rejected.
 */
public final class SearchSession implements AutoCloseable {

    /** Reason recorded when the user interrupts the search. */
    public static final String CANCELLED = "cancelled";

    private final AIPerfConfig config;
    private final AdaptiveSearchSweep sweep;
    private final SessionOptions options;
    private final RunExecutor executor;
    private final LocalServer mockServer;
    private final RunLayout layout;
    private final int trials;
    private final String sweepId = UUID.randomUUID().toString();

    private SearchSession(AIPerfConfig config, AdaptiveSearchSweep sweep, SessionOptions options, RunExecutor executor,
                          LocalServer mockServer) {
        this.config = config;
        this.sweep = sweep;
        this.options = options;
        this.executor = executor;
        this.mockServer = mockServer;
        MultiRunConfig mr = config.multiRun() == null ? MultiRunConfig.DEFAULT : config.multiRun();
        this.layout = RunLayout.adaptive(config.benchmark().artifacts().dir());
        this.trials = mr.numRuns();
    }

    /** True when {@code config}'s sweep is an adaptive search (route it here instead of {@link BenchmarkSession}). */
    public static boolean isAdaptive(AIPerfConfig config) {
        JsonNode s = config.sweepTree();
        return s != null && s.isObject() && "adaptive_search".equals(s.path("type").asText(null));
    }

    /**
     * Validates the search (planner, space, objectives) and starts the embedded mock server when no URL is set.
     *
     * @throws ConfigException when the sweep is not an adaptive search or its planner cannot run it
     */
    public static SearchSession open(AIPerfConfig config, SessionOptions options, RunExecutor executor) {
        AdaptiveSearchSweep adaptive = validate(config);
        BenchmarkSession.Endpoint endpoint = BenchmarkSession.Endpoint.resolve(config, options);
        return new SearchSession(endpoint.config(), adaptive, options, executor, endpoint.server());
    }

    /**
     * The search {@code config} describes, checked (planner against space, objectives, SLA filters) without
     * starting anything.
     *
     * @throws ConfigException when the sweep is not an adaptive search or its planner cannot run it
     */
    public static AdaptiveSearchSweep validate(AIPerfConfig config) {
        SweepConfig parsed = config.sweepTree() == null ? null : SweepParser.parse(config.sweepTree(), SourceLines.NONE);
        if (!(parsed instanceof AdaptiveSearchSweep adaptive)) {
            throw new ConfigException("sweep.type", "a search session needs sweep type adaptive_search; got "
                    + (parsed == null ? "no sweep" : parsed.typeName()));
        }
        planner(adaptive, 0L);
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
            case "bayesian", "optuna" -> objectives.size() >= 2
                    ? new MultiObjectivePlanner(space, objectives, sweep.nInitialPoints(), seed)
                    : new BayesianPlanner(space, objectives.get(0), sweep.nInitialPoints(), seed,
                    "eic".equals(sweep.constraintMode()) ? ConstraintMode.EIC : ConstraintMode.PENALTY);
            case "monotonic_sla" -> {
                if (space.size() != 1) {
                    throw new ConfigException("sweep.search_space", "planner monotonic_sla searches exactly one"
                            + " dimension; got " + space.size() + " (use planner bayesian for several)");
                }
                if (sweep.common().slaFilters().isEmpty()) {
                    throw new ConfigException("sweep.sla_filters", "planner monotonic_sla finds the largest value"
                            + " that passes the SLA, so it needs at least one sla_filters entry, e.g."
                            + " {metric_tag: time_to_first_token, stat: p95, op: lt, threshold: 200}");
                }
                yield new MonotonicSlaPlanner(space.dimensions().get(0), sweep.monotonicStabilityTrials(), 0.05);
            }
            default -> throw new ConfigException("sweep.planner", "planner '" + sweep.planner() + "' is not"
                    + " available in this version; use bayesian, optuna or monotonic_sla");
        };
    }

    /** The envelope config (with the embedded server's URL when one was started). */
    public AIPerfConfig config() {
        return config;
    }

    /** The embedded server, when one was started. */
    public LocalServer localServer() {
        return mockServer;
    }

    /** Runs the search to its end (or until cancelled), then writes the aggregates. */
    public SearchResult run() {
        Long baseSeed = SweepExpander.baseSeed(config);
        long plannerSeed = sweep.randomSeed() != null ? sweep.randomSeed()
                : baseSeed != null ? baseSeed : System.nanoTime();
        SearchPlanner planner = planner(sweep, plannerSeed);
        List<ObjectiveSpec> objectives = objectives(sweep);
        List<OutcomeConstraint> constraints = outcomeConstraints(sweep);
        List<SlaRule> filters = sweep.common().slaFilters();
        SearchSpace space = space(sweep);
        StopRules rules = new StopRules(sweep.maxIterations(), sweep.improvementPatience(), sweep.plateauWindow(),
                sweep.plateauThreshold(), sweep.nInitialPoints());
        SearchHistory history = SearchHistory.start(new SearchHistory.Config(sweep.planner(), objectives,
                constraints, sweep.maxIterations(), sweep.nInitialPoints(), sweep.randomSeed(),
                sweep.improvementPatience(), sweep.plateauWindow(), sweep.plateauThreshold(), space.dimensions(),
                filters), sweep.common().recipeName());
        Path base = layout.base();
        Path historyPath = base.resolve(SearchHistoryWriter.FILE_NAME);
        options.listener().message(String.format(Locale.ROOT, "adaptive search: planner %s over %s, %s, at most"
                        + " %d iteration(s) x %d trial(s)", planner.getClass().getSimpleName(),
                space.dimensions().stream().map(d -> d.path() + " [" + num(d.lo()) + ", " + num(d.hi()) + "]").toList(),
                objectives.stream().map(o -> o.direction().name().toLowerCase(Locale.ROOT) + " " + o.metric() + " "
                        + o.stat()).toList(), sweep.maxIterations(), trials));

        List<Variation> variations = new ArrayList<>();
        String reason = null;
        int position = 0;
        int iteration = 0;
        while (reason == null) {
            if (cancelled()) {
                reason = CANCELLED;
                break;
            }
            Map<String, Double> point = planner.ask();
            Variation v = variation(iteration, point, baseSeed);
            variations.add(v);
            List<Path> runDirs = new ArrayList<>();
            for (int trial = 0; trial < trials && !cancelled(); trial++) {
                PlannedRun run = plannedRun(v, trial, ++position, iteration, baseSeed);
                runDirs.add(run.runDir());
                if (run.cooldownBeforeSeconds() > 0) {
                    options.listener().cooldown(run.cooldownBeforeSeconds(), run.cooldownKind());
                    sleepUnlessCancelled(run.cooldownBeforeSeconds());
                    if (cancelled()) {
                        break;
                    }
                }
                options.listener().runStarted(run, position, sweep.maxIterations() * trials);
                long t0 = System.nanoTime();
                RunOutcome outcome = BenchmarkSession.executeOne(run, config, true, sweepId, options, executor);
                options.listener().runFinished(run, outcome, (System.nanoTime() - t0) / 1e9);
            }
            if (cancelled()) {
                reason = CANCELLED;
                break;
            }
            Evaluation e = evaluate(readRuns(runDirs), objectives, filters, constraints);
            Observation obs = new Observation(point, e.objectives(), e.feasible(), e.margins());
            planner.tell(obs);
            boolean warning = planner instanceof MonotonicSlaPlanner m && m.nonMonotonicWarning();
            SearchIteration it = new SearchIteration(iteration, point,
                    e.objectives() == null ? null : java.util.Arrays.stream(e.objectives()).boxed().toList(),
                    e.feasible(), warning, e.firstBreach());
            history = history.withIteration(it);
            SearchHistoryWriter.write(base, history);
            options.listener().message(describe(it, objectives, filters.isEmpty()));
            iteration++;
            reason = stopReason(planner, rules, objectives);
        }
        history = history.withConvergenceReason(reason);
        SearchHistoryWriter.write(base, history);
        options.listener().message("search stopped after " + history.iterations().size() + " iteration(s): "
                + reason + bestLine(history));
        if (objectives.size() >= 2 && !history.bestTrials().isEmpty()) {
            options.listener().message(FrontierTable.text(history));
        }
        return new SearchResult(finish(variations, filters), history.iterations(), history.bestTrials(),
                history.boundarySummary().orElse(null), objectives.size(), filters, history.convergenceReason(),
                historyPath);
    }

    private String stopReason(SearchPlanner planner, StopRules rules, List<ObjectiveSpec> objectives) {
        Optional<String> own = planner.stopReason();
        if (own.isPresent()) {
            return own.get();
        }
        List<Observation> obs = planner.observations();
        if (planner instanceof MonotonicSlaPlanner) {
            return obs.size() >= rules.maxIterations() ? StopRules.MAX_ITERATIONS : null;
        }
        return rules.evaluate(obs, objectives).orElse(null);
    }

    private ProfileResult finish(List<Variation> variations, List<SlaRule> filters) {
        double level = config.multiRun().confidenceLevel();
        Path base = layout.base();
        SweepAggregate aggregate = null;
        boolean anyRun = variations.stream().anyMatch(v -> Files.isDirectory(base.resolve(v.dirName())));
        if (anyRun) {
            try {
                aggregate = Aggregates.recompute(base, level, filters).sweep();
                BenchmarkSession.runPostProcess(sweep, aggregate, layout.sweepAggregateDir(), options.listener());
            } catch (ConfigException e) {
                options.listener().message("aggregates: " + e.getMessage());
            }
        }
        List<CellResult> cells = new ArrayList<>();
        List<FailedRun> failed = new ArrayList<>();
        for (Variation v : variations) {
            List<Path> dirs = new ArrayList<>();
            for (int t = 0; t < trials; t++) {
                Path d = layout.runDir(v.dirName(), t);
                if (Files.isDirectory(d)) {
                    dirs.add(d);
                }
            }
            if (dirs.isEmpty()) {
                continue;
            }
            CellResult c = BenchmarkSession.cellResult(v, v.label(), dirs, layout.cellAggregateDir(v.dirName()),
                    null, level, options.slaRules());
            cells.add(c);
            failed.addAll(c.failedRuns());
        }
        ProfileResult result = new ProfileResult(base, cells,
                aggregate == null ? null : aggregate.summary(layout.sweepAggregateDir()), failed, cancelled(), level);
        options.listener().finished(result, aggregate);
        return result;
    }

    /** The iteration's cell: the base benchmark with every searched path set to the planner's value. */
    private Variation variation(int iteration, Map<String, Double> point, Long baseSeed) {
        ObjectNode body = config.benchmarkTree().deepCopy();
        ObjectNode variables = config.variables() == null ? JsonNodeFactory.instance.objectNode()
                : config.variables().deepCopy();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Dimension d : space(sweep).dimensions()) {
            double x = point.get(d.path());
            JsonNode node = d.kind() == Dimension.Kind.INT ? JsonNodeFactory.instance.numberNode(Math.round(x))
                    : JsonNodeFactory.instance.numberNode(x);
            DottedPath.set(body, variables, d.path(), node);
            values.put(d.path(), node);
        }
        String name = RunLayout.searchIterationDirName(iteration);
        // AIPerf: adaptive iterations take the envelope seed + iteration index, like every other sweep type.
        Long seed = baseSeed == null ? null : baseSeed + iteration;
        return new Variation(iteration, name, values, name, seed, body, variables);
    }

    private PlannedRun plannedRun(Variation v, int trial, int order, int iteration, Long baseSeed) {
        MultiRunConfig mr = config.multiRun();
        Long seed = mr.varySeedPerTrial() ? Plan.trialSeed(baseSeed, v.label(), trial) : v.seed();
        boolean skipWarmup = trial > 0 && mr.disableWarmupAfterFirst();
        double cooldown = 0;
        CooldownKind kind = CooldownKind.NONE;
        if (trial > 0 && mr.cooldownSeconds() > 0) {
            cooldown = mr.cooldownSeconds();
            kind = CooldownKind.TRIAL;
        } else if (trial == 0 && iteration > 0 && sweep.common().cooldownSeconds() > 0) {
            cooldown = sweep.common().cooldownSeconds();
            kind = CooldownKind.VARIATION;
        }
        return new PlannedRun(order, v, trial, layout.runLabel(trial), seed, layout.runDir(v.dirName(), trial),
                layout.cellAggregateDir(v.dirName()), layout.sweepAggregateDir(), skipWarmup, cooldown, kind,
                RunTimeEstimate.seconds(v.benchmarkTree(), skipWarmup));
    }

    private static List<RunSummary> readRuns(List<Path> dirs) {
        RunSummaryReader reader = new RunSummaryReader();
        List<RunSummary> out = new ArrayList<>();
        for (Path d : dirs) {
            if (Files.isDirectory(d)) {
                out.add(reader.read(d));
            }
        }
        return out;
    }

    /**
     * What one iteration told the planner.
     *
     * @param objectives  one value per objective, or {@code null} when any is missing (a failed iteration)
     * @param feasible    whether the SLA filters hold (true without filters, unless every trial failed)
     * @param margins     violation per SLA filter ({@code spec}) and outcome constraint; &gt; 0 is violated
     * @param firstBreach the first SLA filter whose mean broke it, or {@code null}
     */
    public record Evaluation(double[] objectives, boolean feasible, Map<String, Double> margins,
                             SlaBreach firstBreach) {
    }

    /**
     * AIPerf's {@code tell}: objective_i = mean of the finite per-trial {@code <metric>_<stat>} over the successful
     * trials; feasible iff every filter's mean exists and some successful trial passes every filter; the margin of
     * a filter is {@code mean − threshold} for lt/le and {@code threshold − mean} for gt/ge (NaN when missing);
     * outcome constraints are judged on the mean of the metric's {@code avg}.
     */
    public static Evaluation evaluate(List<RunSummary> trials, List<ObjectiveSpec> objectives, List<SlaRule> filters,
                                      List<OutcomeConstraint> constraints) {
        List<RunSummary> ok = trials.stream().filter(RunSummary::succeeded).toList();
        double[] values = new double[objectives.size()];
        boolean scored = !ok.isEmpty();
        for (int i = 0; i < values.length && scored; i++) {
            OptionalDouble m = mean(ok, objectives.get(i).metric(), objectives.get(i).stat());
            if (m.isEmpty()) {
                scored = false;
            } else {
                values[i] = m.getAsDouble();
            }
        }
        Map<String, Double> margins = new LinkedHashMap<>();
        SlaBreach firstBreach = null;
        boolean meansPass = !ok.isEmpty();
        for (SlaRule rule : filters) {
            OptionalDouble m = mean(ok, rule.metric(), rule.stat());
            double observed = m.isPresent() ? m.getAsDouble() : Double.NaN;
            double margin = Double.isNaN(observed) ? Double.NaN
                    : rule.op() == SlaOp.LT || rule.op() == SlaOp.LE ? observed - rule.threshold()
                    : rule.threshold() - observed;
            margins.put(rule.spec(), margin);
            boolean pass = m.isPresent() && rule.passes(observed);
            if (!pass) {
                meansPass = m.isPresent() && meansPass;
                if (firstBreach == null) {
                    firstBreach = new SlaBreach(rule, observed);
                }
            }
        }
        boolean anyTrialPasses = false;
        for (RunSummary r : ok) {
            boolean all = true;
            for (SlaRule rule : filters) {
                OptionalDouble v = r.stat(rule.metric(), rule.stat());
                if (v.isEmpty() || !Double.isFinite(v.getAsDouble()) || !rule.passes(v.getAsDouble())) {
                    all = false;
                    break;
                }
            }
            anyTrialPasses |= all;
        }
        for (OutcomeConstraint c : constraints) {
            OptionalDouble m = mean(ok, c.metric(), "avg");
            margins.put(c.metric() + " " + c.op() + " " + c.bound(), c.violation(m.isPresent() ? m.getAsDouble()
                    : Double.NaN));
        }
        boolean everyMeanExists = filters.stream().allMatch(r -> mean(ok, r.metric(), r.stat()).isPresent());
        boolean feasible = !ok.isEmpty() && everyMeanExists && anyTrialPasses;
        return new Evaluation(scored ? values : null, feasible, margins, firstBreach);
    }

    private static OptionalDouble mean(List<RunSummary> runs, String metric, String stat) {
        double sum = 0;
        int n = 0;
        for (RunSummary r : runs) {
            OptionalDouble v = r.stat(metric, stat);
            if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
                sum += v.getAsDouble();
                n++;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    private static String describe(SearchIteration it, List<ObjectiveSpec> objectives, boolean noFilters) {
        StringBuilder sb = new StringBuilder(RunLayout.searchIterationDirName(it.iterationIdx())).append(": ");
        List<String> parts = new ArrayList<>();
        it.variationValues().forEach((k, v) -> parts.add(DottedPath.leaf(k) + "=" + num(v)));
        sb.append(String.join(", ", parts)).append(" -> ");
        if (it.objectiveValues() == null) {
            sb.append("no objective value (every trial failed or the metric is missing)");
        } else {
            List<String> objs = new ArrayList<>();
            for (int i = 0; i < objectives.size(); i++) {
                objs.add(objectives.get(i).metric() + " " + objectives.get(i).stat() + " = "
                        + num(it.objectiveValues().get(i)));
            }
            sb.append(String.join(", ", objs));
        }
        if (!noFilters) {
            sb.append(it.feasible() ? "; feasible" : "; infeasible");
            if (!it.feasible() && it.firstBreach() != null) {
                SlaBreach b = it.firstBreach();
                sb.append(" (").append(b.rule().metric()).append(' ').append(b.rule().stat()).append(' ')
                        .append(Double.isNaN(b.observed()) ? "missing" : num(b.observed())).append(", needs ")
                        .append(b.rule().op().symbol()).append(' ').append(num(b.rule().threshold())).append(')');
            }
        }
        if (it.nonMonotonicWarning()) {
            sb.append("; trials disagree (non-monotonic)");
        }
        return sb.toString();
    }

    private static String bestLine(SearchHistory h) {
        List<BestTrial> best = h.bestTrials();
        if (best.isEmpty()) {
            return "; nothing was scored";
        }
        if (h.config().objectives().size() >= 2) {
            return "; " + best.size() + " point(s) on the frontier";
        }
        SearchIteration it = best.get(0).iteration();
        List<String> parts = new ArrayList<>();
        it.variationValues().forEach((k, v) -> parts.add(DottedPath.leaf(k) + "=" + num(v)));
        return "; best " + String.join(", ", parts) + " (" + RunLayout.searchIterationDirName(it.iterationIdx())
                + ", " + h.config().objectives().get(0).metric() + " = " + num(it.objectiveValues().get(0))
                + (it.feasible() ? ")" : ", no point met the SLA filters)");
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private boolean cancelled() {
        return options.cancel().get();
    }

    private void sleepUnlessCancelled(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!cancelled()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, 50_000_000L));
        }
    }

    @Override
    public void close() {
        if (mockServer != null) {
            mockServer.close();
        }
    }
}
