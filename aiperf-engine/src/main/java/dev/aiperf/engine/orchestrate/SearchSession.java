package dev.aiperf.engine.orchestrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.FailedRun;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SearchIteration;
import dev.aiperf.engine.api.model.SearchResult;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.plan.CooldownKind;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.plan.PlannedRun;
import dev.aiperf.engine.plan.RunLayout;
import dev.aiperf.engine.plan.RunTimeEstimate;
import dev.aiperf.engine.search.Dimension;
import dev.aiperf.engine.search.MonotonicSlaPlanner;
import dev.aiperf.engine.search.ObjectiveSpec;
import dev.aiperf.engine.search.RegretBoundTerminator;
import dev.aiperf.engine.search.Observation;
import dev.aiperf.engine.search.SearchHistory;
import dev.aiperf.engine.search.SearchHistoryWriter;
import dev.aiperf.engine.search.SearchPlanner;
import dev.aiperf.engine.search.SearchSpace;
import dev.aiperf.engine.search.SmoothIsotonicPlanner;
import dev.aiperf.engine.search.StopRules;
import dev.aiperf.engine.stats.Aggregates;
import dev.aiperf.engine.stats.RunSummaryReader;
import dev.aiperf.engine.stats.SweepAggregate;
import dev.aiperf.engine.sweep.AdaptiveSearchSweep;
import dev.aiperf.engine.sweep.DottedPath;
import dev.aiperf.engine.sweep.OutcomeConstraint;
import dev.aiperf.engine.sweep.SweepExpander;
import dev.aiperf.engine.sweep.Variation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an {@code adaptive_search} sweep: the planner proposes a point, the session runs
 * {@code multi_run.num_runs} trials of it into {@code <base>/search_iter_NNNN/profile_runs/run_NNNN/}, reads
 * the results back from the run directories, tells the planner the objective and the SLA feasibility
 * ({@link SearchEvaluation}), rewrites {@code search_history.json}, and stops on the planner's own reason or a stop
 * rule. At the end it writes the per-cell and sweep aggregates. Planners: {@link SearchSetup}.
 */
public final class SearchSession implements AutoCloseable {

    /** Reason recorded when the user interrupts the search. */
    public static final String CANCELLED = "cancelled";

    private final TrialRunner trials;
    private final AdaptiveSearchSweep sweep;
    private final RunLayout layout;
    private final int trialsPerPoint;

    private SearchSession(TrialRunner trials, AdaptiveSearchSweep sweep) {
        this.trials = trials;
        this.sweep = sweep;
        AIPerfConfig config = trials.config();
        this.layout = RunLayout.adaptive(config.benchmark().artifacts().dir());
        this.trialsPerPoint = (config.multiRun() == null ? MultiRunConfig.DEFAULT : config.multiRun()).numRuns();
    }

    /**
     * Validates the search (planner, space, objectives) and starts the embedded mock server when no URL is set.
     *
     * @throws ConfigException when the sweep is not an adaptive search or its planner cannot run it
     */
    public static SearchSession open(AIPerfConfig config, SessionOptions options, RunExecutor executor) {
        AdaptiveSearchSweep adaptive = SearchSetup.validate(config);
        return new SearchSession(TrialRunner.open(config, options, executor, true), adaptive);
    }

    /** The envelope config (with the embedded server's URL when one was started). */
    public AIPerfConfig config() {
        return trials.config();
    }

    /** Runs the search to its end (or until cancelled), then writes the aggregates. */
    public SearchResult run() {
        AIPerfConfig config = config();
        SessionOptions options = trials.options();
        Long baseSeed = SweepExpander.baseSeed(config);
        long plannerSeed = sweep.randomSeed() != null ? sweep.randomSeed()
                : baseSeed != null ? baseSeed : System.nanoTime();
        SearchPlanner planner = SearchSetup.planner(sweep, plannerSeed);
        Optional<RegretBoundTerminator> terminator = SearchSetup.terminator(sweep);
        List<ObjectiveSpec> objectives = SearchSetup.objectives(sweep);
        List<OutcomeConstraint> constraints = sweep.outcomeConstraints();
        List<SlaRule> filters = sweep.common().slaFilters();
        SearchSpace space = SearchSetup.space(sweep);
        StopRules rules = new StopRules(sweep.maxIterations(), sweep.improvementPatience(), sweep.plateauWindow(),
                sweep.plateauThreshold(), sweep.nInitialPoints());
        SearchHistory history = SearchHistory.start(new SearchHistory.Config(sweep.planner(), objectives,
                constraints, sweep.maxIterations(), sweep.nInitialPoints(), sweep.randomSeed(),
                sweep.improvementPatience(), sweep.plateauWindow(), sweep.plateauThreshold(), space.dimensions(),
                filters), sweep.common().recipeName());
        Path base = layout.base();
        options.listener().message(String.format(Locale.ROOT, "adaptive search: planner %s over %s, %s, at most"
                        + " %d iteration(s) x %d trial(s)", planner.getClass().getSimpleName(),
                space.dimensions().stream().map(d -> d.path() + " [" + SearchNarration.num(d.lo()) + ", "
                        + SearchNarration.num(d.hi()) + "]").toList(),
                objectives.stream().map(o -> o.direction().name().toLowerCase(Locale.ROOT) + " " + o.metric() + " "
                        + o.stat()).toList(), sweep.maxIterations(), trialsPerPoint));

        List<Variation> variations = new ArrayList<>();
        String reason = null;
        int position = 0;
        for (int iteration = 0; reason == null; iteration++) {
            if (trials.cancelled()) {
                reason = CANCELLED;
                break;
            }
            Map<String, Double> point = planner.ask();
            Variation v = variation(iteration, point, baseSeed, space);
            variations.add(v);
            List<Path> runDirs = new ArrayList<>();
            for (int trial = 0; trial < trialsPerPoint && !trials.cancelled(); trial++) {
                PlannedRun run = plannedRun(v, trial, ++position, iteration, baseSeed);
                runDirs.add(run.runDir());
                trials.run(run, position, sweep.maxIterations() * trialsPerPoint);
            }
            if (trials.cancelled()) {
                reason = CANCELLED;
                break;
            }
            RunSummaryReader reader = new RunSummaryReader();
            SearchEvaluation.Evaluation e = SearchEvaluation.evaluate(runDirs.stream().filter(Files::isDirectory)
                    .map(reader::read).toList(), objectives, filters, constraints,
                    "pooled".equals(sweep.objectivePooling()));
            planner.tell(new Observation(point, e.objectives(), e.feasible(), e.margins()));
            boolean warning = planner instanceof MonotonicSlaPlanner m && m.nonMonotonicWarning();
            SearchIteration it = new SearchIteration(iteration, point,
                    e.objectives() == null ? null : Arrays.stream(e.objectives()).boxed().toList(),
                    e.feasible(), warning, e.firstBreach());
            history = history.withIteration(it);
            SearchHistoryWriter.write(base, history);
            options.listener().message(SearchNarration.describe(it, objectives, filters.isEmpty()));
            reason = stopReason(planner, rules, objectives);
            if (reason == null && terminator.isPresent()) {
                reason = terminator.get().evaluate(planner.observations(), plannerSeed + iteration).orElse(null);
            }
        }
        String detail = StopRules.MAX_ITERATIONS.equals(reason) ? shortfall(planner)
                .map(s -> "max_iterations stopped the search before its precision: " + s).orElse(null) : null;
        history = history.withConvergence(reason, detail);
        SearchHistoryWriter.write(base, history);
        options.listener().message("search stopped after " + history.iterations().size() + " iteration(s): "
                + reason + (detail == null ? "" : " (" + detail + ")") + SearchNarration.bestLine(history));
        if (objectives.size() >= 2 && !history.bestTrials().isEmpty()) {
            options.listener().message(FrontierTable.text(history));
        }
        return new SearchResult(finish(variations, filters), history.iterations(), history.bestTrials(),
                history.boundarySummary().orElse(null), objectives.size(), filters, history.convergenceReason(),
                base.resolve(SearchHistoryWriter.FILE_NAME));
    }

    private static String stopReason(SearchPlanner planner, StopRules rules, List<ObjectiveSpec> objectives) {
        Optional<String> own = planner.stopReason();
        if (own.isPresent()) {
            return own.get();
        }
        List<Observation> obs = planner.observations();
        if (planner instanceof MonotonicSlaPlanner || planner instanceof SmoothIsotonicPlanner) {
            // Improvement and plateau rules measure an optimiser, not a boundary search.
            return obs.size() >= rules.maxIterations() ? StopRules.MAX_ITERATIONS : null;
        }
        return rules.evaluate(obs, objectives).orElse(null);
    }

    /** What a boundary planner stopped by its budget had still to do. */
    private static Optional<String> shortfall(SearchPlanner planner) {
        if (planner instanceof MonotonicSlaPlanner m) {
            return m.shortfall();
        }
        if (planner instanceof SmoothIsotonicPlanner s) {
            return s.shortfall();
        }
        return Optional.empty();
    }

    private ProfileResult finish(List<Variation> variations, List<SlaRule> filters) {
        SessionOptions options = trials.options();
        double level = config().multiRun().confidenceLevel();
        Path base = layout.base();
        SweepAggregate aggregate = null;
        if (variations.stream().anyMatch(v -> Files.isDirectory(base.resolve(v.dirName())))) {
            try {
                aggregate = Aggregates.recompute(base, level, filters).sweep();
                PostProcessing.run(sweep, aggregate, layout.sweepAggregateDir(), options.listener());
            } catch (ConfigException e) {
                options.listener().message("aggregates: " + e.getMessage());
            }
        }
        List<CellResult> cells = new ArrayList<>();
        List<FailedRun> failed = new ArrayList<>();
        for (Variation v : variations) {
            List<Path> dirs = new ArrayList<>();
            for (int t = 0; t < trialsPerPoint; t++) {
                dirs.add(layout.runDir(v.dirName(), t));
            }
            if (dirs.stream().noneMatch(Files::isDirectory)) {
                continue;
            }
            CellResult c = CellResultReader.read(v, v.label(), dirs, layout.cellAggregateDir(v.dirName()), null, level,
                    options.slaRules());
            cells.add(c);
            failed.addAll(c.failedRuns());
        }
        ProfileResult result = new ProfileResult(base, cells,
                aggregate == null ? null : aggregate.summary(layout.sweepAggregateDir()), failed, trials.cancelled(),
                level);
        options.listener().finished(result, aggregate);
        return result;
    }

    /** The iteration's cell: the base benchmark with every searched path set to the planner's value. */
    private Variation variation(int iteration, Map<String, Double> point, Long baseSeed, SearchSpace space) {
        AIPerfConfig config = config();
        ObjectNode body = config.benchmarkTree().deepCopy();
        ObjectNode variables = config.variables() == null ? JsonNodeFactory.instance.objectNode()
                : config.variables().deepCopy();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Dimension d : space.dimensions()) {
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
        MultiRunConfig mr = config().multiRun();
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

    @Override
    public void close() {
        trials.close();
    }
}
