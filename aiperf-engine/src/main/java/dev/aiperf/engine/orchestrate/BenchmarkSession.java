package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.ProfileResult;

import dev.aiperf.engine.api.model.CellResult;

import dev.aiperf.engine.api.model.SlaVerdict;

import dev.aiperf.engine.plan.RunStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.BenchmarkBinder;
import dev.aiperf.engine.config.BenchmarkConfig;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.plan.PlannedRun;
import dev.aiperf.engine.plan.RunInfo;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.stats.Aggregates;
import dev.aiperf.engine.stats.AggregationException;
import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.stats.CellAggregateWriter;
import dev.aiperf.engine.stats.CellMetadata;
import dev.aiperf.engine.stats.ConfidenceAggregator;
import dev.aiperf.engine.stats.ConvergenceCriterion;
import dev.aiperf.engine.api.model.FailedRun;
import dev.aiperf.engine.stats.RunSummary;
import dev.aiperf.engine.stats.RunSummaryReader;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.SweepParser;
import dev.aiperf.engine.sweep.Variation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Executes a benchmark plan: one cell at a time (the JUnit extension) or the whole plan in its iteration order
 * (the command line and the Maven plugin). Starts the embedded mock server when no URL is configured, records
 * every run's end in {@code run_status.json}, goes on past failed runs, stops cleanly when cancelled and writes
 * the aggregates for whatever finished.
 */
public final class BenchmarkSession implements AutoCloseable {

    private final AIPerfConfig config;
    private final SweepConfig sweep;
    private final Plan plan;
    private final SessionOptions options;
    private final RunExecutor executor;
    private final LocalServer mockServer;
    private final List<SlaRule> gates;
    private final String sweepId = UUID.randomUUID().toString();
    private final Map<Integer, CellResult> cellResults = new LinkedHashMap<>();
    private final List<PlannedRun> executed = new ArrayList<>();

    private BenchmarkSession(AIPerfConfig config, SweepConfig sweep, Plan plan, SessionOptions options,
                             RunExecutor executor, LocalServer mockServer) {
        this.config = config;
        this.sweep = sweep;
        this.plan = plan;
        this.options = options;
        this.executor = executor;
        this.mockServer = mockServer;
        List<SlaRule> rules = new ArrayList<>(options.slaRules());
        if (sweep != null) {
            for (SlaRule r : sweep.common().slaFilters()) {
                if (!rules.contains(r)) {
                    rules.add(r);
                }
            }
        }
        this.gates = List.copyOf(rules);
    }

    /**
     * Validates the sweep, starts the embedded mock server if no URL is configured, and plans every run.
     *
     * @throws ConfigException for a sweep that does not validate, or an adaptive search (see the search runner)
     */
    public static BenchmarkSession open(AIPerfConfig config, SessionOptions options, RunExecutor executor) {
        SweepConfig sweep = config.sweepTree() == null ? null : SweepParser.parse(config.sweepTree(), SourceLines.NONE);
        Endpoint endpoint = Endpoint.resolve(config, options);
        try {
            Path base = endpoint.config().benchmark().artifacts().dir();
            Plan plan = Plan.of(endpoint.config(), sweep, base);
            return new BenchmarkSession(endpoint.config(), sweep, plan, options, executor, endpoint.server());
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    /** The config a session sends requests with, and the embedded server it started for that (or null). */
    record Endpoint(AIPerfConfig config, LocalServer server) {

        /** Starts the embedded mock server when {@code config} names no URL, and says so on the listener. */
        static Endpoint resolve(AIPerfConfig config, SessionOptions options) {
            if (!config.benchmark().endpoint().usesEmbeddedServer()) {
                return new Endpoint(config, null);
            }
            LocalServer server = options.localServer() == null ? EmbeddedMock.startDefault()
                    : options.localServer().get();
            options.listener().message("no --url given: started the embedded mock server at " + server.baseUrl()
                    + " (" + server.description() + ")");
            return new Endpoint(withServerUrl(config, server.baseUrl().toString()), server);
        }

        void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    /** {@code config} with every request sent to {@code baseUrl} (the type's path is appended when binding). */
    public static AIPerfConfig withServerUrl(AIPerfConfig config, String baseUrl) {
        ObjectNode tree = config.benchmarkTree().deepCopy();
        JsonNode endpoint = tree.get("endpoint");
        ObjectNode ep = endpoint != null && endpoint.isObject() ? (ObjectNode) endpoint : tree.putObject("endpoint");
        ep.remove("url");
        ep.putArray("urls").add(baseUrl);
        if (!tree.has("models")) {
            // The binder names the embedded model only while no URL is set; keep that name now that one is.
            var models = tree.putArray("models");
            config.benchmark().models().forEach(models::add);
        }
        BenchmarkConfig bound = BenchmarkBinder.bind(tree, SourceLines.NONE, "benchmark");
        return new AIPerfConfig(tree, bound, config.sweepTree(), config.multiRun(), config.randomSeed(),
                config.variables());
    }

    public Plan plan() {
        return plan;
    }

    public AIPerfConfig config() {
        return config;
    }

    /** The gate rules judged on every cell: the session's rules plus the YAML {@code sla_filters}. */
    public List<SlaRule> gates() {
        return gates;
    }

    /** The embedded server, when one was started. */
    public LocalServer localServer() {
        return mockServer;
    }

    /** The variations of the plan, in index order. */
    public List<Variation> variations() {
        return plan.variations();
    }

    public boolean cancelled() {
        return options.cancel().get();
    }

    /**
     * Runs every trial of one cell (in trial order) and writes its aggregate. The JUnit extension calls this once
     * per test invocation.
     */
    public CellResult runCell(int variationIndex) {
        List<PlannedRun> runs = plan.runs().stream().filter(r -> r.variation().index() == variationIndex)
                .sorted(java.util.Comparator.comparingInt(PlannedRun::trial)).toList();
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no variation with index " + variationIndex);
        }
        execute(runs);
        CellResult result = cellResult(runs.get(0).variation(), runs, true);
        cellResults.put(variationIndex, result);
        return result;
    }

    /** Runs the whole plan (or what a resume leaves of it) in its iteration order, then every aggregate. */
    public ProfileResult runAll() {
        List<PlannedRun> todo = options.resume() ? plan.pending() : plan.runs();
        if (options.resume()) {
            int skipped = plan.runs().size() - todo.size();
            options.listener().message("resume: " + skipped + " of " + plan.runs().size()
                    + " runs are complete and kept; running " + todo.size());
        }
        options.listener().planned(plan, todo.size());
        execute(todo);
        return finish();
    }

    /**
     * Recomputes every aggregate from the run directories (the files are the truth, so a resumed or partly
     * cancelled sweep aggregates exactly what exists) and judges the gates.
     */
    public ProfileResult finish() {
        double level = config.multiRun().confidenceLevel();
        Path base = plan.layout().base();
        List<CellResult> cells = new ArrayList<>();
        List<FailedRun> failed = new ArrayList<>();
        dev.aiperf.engine.stats.SweepAggregate sweepAggregate = null;
        boolean anyRunDir = plan.runs().stream().anyMatch(r -> java.nio.file.Files.isDirectory(r.runDir()));
        if (anyRunDir) {
            Aggregates.Report report = null;
            try {
                report = Aggregates.recompute(base, level, sweep == null ? List.of() : sweep.common().slaFilters());
            } catch (ConfigException e) {
                options.listener().message("aggregates: " + e.getMessage());
            }
            if (report != null) {
                sweepAggregate = report.sweep();
            }
            if (sweep instanceof dev.aiperf.engine.sweep.SobolSweep
                    || sweep instanceof dev.aiperf.engine.sweep.LatinHypercubeSweep) {
                // The audit trail of a space-filling design sits next to the sweep aggregate it explains.
                dev.aiperf.engine.sweep.SamplingDesign.write(plan.layout().sweepAggregateDir(), config, sweep,
                        plan.variations());
            }
            if (sweep != null) {
                runPostProcess(sweep, sweepAggregate, plan.layout().sweepAggregateDir(), options.listener());
            }
            for (Variation v : plan.variations()) {
                List<PlannedRun> runs = plan.runs().stream().filter(r -> r.variation().index() == v.index())
                        .sorted(java.util.Comparator.comparingInt(PlannedRun::trial)).toList();
                if (runs.stream().noneMatch(r -> java.nio.file.Files.isDirectory(r.runDir()))) {
                    continue;
                }
                CellResult c = cellResult(v, runs, false);
                cells.add(c);
                failed.addAll(c.failedRuns());
            }
        }
        ProfileResult result = new ProfileResult(base, cells,
                sweepAggregate == null ? null : sweepAggregate.summary(plan.layout().sweepAggregateDir()), failed,
                cancelled(), level);
        options.listener().finished(result, sweepAggregate);
        return result;
    }

    /** Runs the sweep's post-processing hook (a recipe's file) over the sweep aggregate, if it has one. */
    static void runPostProcess(SweepConfig sweep, dev.aiperf.engine.stats.SweepAggregate aggregate, Path dir,
                               SweepListener listener) {
        dev.aiperf.engine.sweep.PostProcess pp = sweep.common().postProcess();
        if (pp == null || aggregate == null || dir == null) {
            return;
        }
        try {
            Path file = dev.aiperf.engine.recipe.PostProcessors.write(pp, aggregate, sweep.common().slaFilters(), dir);
            listener.message(pp.handler() + ": wrote " + file);
        } catch (ConfigException e) {
            listener.message(pp.handler() + ": " + e.getMessage());
        }
    }

    private void execute(List<PlannedRun> runs) {
        int position = 0;
        java.util.Set<Integer> converged = new java.util.HashSet<>();
        for (PlannedRun run : runs) {
            if (cancelled()) {
                return;
            }
            if (converged.contains(run.variation().index()) || converged(run)) {
                converged.add(run.variation().index());
                continue;
            }
            position++;
            if (run.cooldownBeforeSeconds() > 0 && !executed.isEmpty()) {
                options.listener().cooldown(run.cooldownBeforeSeconds(), run.cooldownKind());
                sleepUnlessCancelled(run.cooldownBeforeSeconds());
                if (cancelled()) {
                    return;
                }
            }
            options.listener().runStarted(run, position, runs.size());
            long t0 = System.nanoTime();
            RunOutcome outcome = executeOne(run);
            executed.add(run);
            options.listener().runFinished(run, outcome, (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * True when {@code multi_run.convergence} says this trial is not needed: the cell's earlier trials (as the files
     * show them, so a resumed benchmark decides the same) already meet the criterion. Says so once per cell.
     */
    private boolean converged(PlannedRun run) {
        MultiRunConfig mr = config.multiRun();
        if (mr.convergence() == null || run.trial() == 0) {
            return false;
        }
        RunSummaryReader reader = new RunSummaryReader();
        List<RunSummary> earlier = plan.runs().stream()
                .filter(r -> r.variation().index() == run.variation().index() && r.trial() < run.trial())
                .sorted(java.util.Comparator.comparingInt(PlannedRun::trial))
                .map(PlannedRun::runDir).filter(java.nio.file.Files::isDirectory).map(reader::read).toList();
        ConvergenceCriterion.StopDecision d = ConvergenceCriterion.shouldStop(earlier, mr);
        if (!d.stop() || !d.reason().equals("converged")) {
            return false;
        }
        String cell = sweep == null ? "" : "cell " + run.variation().label() + ": ";
        int skipped = mr.numRuns() - earlier.size();
        options.listener().message(cell + "converged after " + earlier.size() + " of " + mr.numRuns() + " trials ("
                + d.verdict().detail() + " on " + mr.convergence().metric() + "); the other " + skipped
                + (skipped == 1 ? " is" : " are") + " not run");
        return true;
    }

    private RunOutcome executeOne(PlannedRun run) {
        return executeOne(run, config, sweep != null, sweepId, options, executor);
    }

    /**
     * Runs one planned trial and records its end in {@code run_status.json}; never throws for a failed run.
     * Shared with {@link SearchSession}, whose runs are planned one iteration at a time.
     */
    static RunOutcome executeOne(PlannedRun run, AIPerfConfig config, boolean swept, String sweepId,
                                 SessionOptions options, RunExecutor executor) {
        long seed = run.seed() != null ? run.seed() : Math.floorMod(System.nanoTime(), Integer.MAX_VALUE);
        RunInfo info = new RunInfo(UUID.randomUUID().toString(), sweepId, seed, run.trial(), run.runLabel(),
                swept ? run.variation().label() : null, swept ? run.variation().index() : null,
                swept ? run.variation().plainValues() : Map.of(), options.cliCommand());
        RunOutcome outcome;
        BenchmarkConfig bound = null;
        try {
            bound = BenchmarkBinder.bind(run.variation().benchmarkTree(), SourceLines.NONE, "benchmark");
        } catch (ConfigException e) {
            outcome = RunOutcome.failed("invalid config after sweep overrides: " + e.getMessage());
            new RunStatus(outcome.status(), outcome.error(), info.toJson()).write(run.runDir());
            return outcome;
        }
        try {
            ObjectNode input = ConfigLoader.redactedTree(new AIPerfConfig(run.variation().benchmarkTree(), bound,
                    config.sweepTree(), config.multiRun(), seed, run.variation().variables()));
            outcome = executor.execute(new RunRequest(bound, run.runDir(), info, run.skipWarmup(), input,
                    options.cancel(), options.listener().progressFor(run)));
        } catch (ConfigException e) {
            // Raised while running, e.g. the server refused every connection: the run failed, the sweep goes on.
            outcome = RunOutcome.failed(e.getMessage());
        } catch (RuntimeException e) {
            // A defect or an environment failure in one run must not lose the rest of the sweep.
            outcome = RunOutcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        new RunStatus(outcome.status(), outcome.error(), info.toJson()).write(run.runDir());
        return outcome;
    }

    private CellResult cellResult(Variation v, List<PlannedRun> runs, boolean writeAggregate) {
        Path aggregateDir = runs.get(0).cellAggregateDir();
        CellMetadata metadata = writeAggregate && aggregateDir != null && runs.size() > 1 ? new CellMetadata(
                config.multiRun().cooldownSeconds(), sweep == null ? null : v.label(),
                sweep == null ? null : v.plainValues(),
                sweep == null ? null : plan.layout().shape().sweepMode(),
                config.benchmark().models().get(0)) : null;
        return cellResult(v, sweep == null ? "" : v.label(), runs.stream().map(PlannedRun::runDir).toList(),
                aggregateDir, metadata, config.multiRun().confidenceLevel(), gates);
    }

    /**
     * Reads a cell's trials from their directories, aggregates the successful ones (writing the cell aggregate
     * into {@code aggregateDir} when {@code metadata} is given) and judges {@code gates} on the means.
     */
    static CellResult cellResult(Variation v, String label, List<Path> runDirs, Path aggregateDir,
                                 CellMetadata metadata, double level, List<SlaRule> gates) {
        RunSummaryReader reader = new RunSummaryReader();
        List<RunSummary> summaries = new ArrayList<>();
        for (Path dir : runDirs) {
            if (java.nio.file.Files.isDirectory(dir)) {
                summaries.add(reader.read(dir));
            }
        }
        List<FailedRun> failed = summaries.stream().filter(s -> !s.succeeded() && s.error() != null)
                .map(s -> new FailedRun(s.label(), s.error())).toList();
        CellAggregate aggregate = null;
        if (summaries.stream().anyMatch(RunSummary::succeeded)) {
            try {
                aggregate = Aggregates.aggregateCell(new ConfidenceAggregator(level), summaries);
                if (metadata != null && aggregateDir != null) {
                    Aggregates.writeCell(aggregateDir, aggregate, metadata, summaries);
                }
            } catch (AggregationException e) {
                aggregate = null;
            }
        }
        List<SlaVerdict> verdicts = new ArrayList<>();
        for (SlaRule rule : gates) {
            var stats = aggregate == null ? null : aggregate.get(rule.metric() + "_" + rule.stat());
            boolean passed = stats != null && rule.passes(stats.mean());
            verdicts.add(new SlaVerdict(rule, label, stats, passed));
        }
        // Trials a converged cell did not need have no directory: the result names the ones that ran.
        List<Path> ran = runDirs.stream().filter(java.nio.file.Files::isDirectory).toList();
        return new CellResult(v.index(), label, v.plainValues(), ran,
                runDirs.size() > 1 ? aggregateDir : null, aggregate, failed, verdicts);
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
