package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.FailedRun;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.plan.PlannedRun;
import dev.aiperf.engine.stats.Aggregates;
import dev.aiperf.engine.stats.CellMetadata;
import dev.aiperf.engine.stats.ConvergenceCriterion;
import dev.aiperf.engine.stats.RunSummary;
import dev.aiperf.engine.stats.RunSummaryReader;
import dev.aiperf.engine.stats.SweepAggregate;
import dev.aiperf.engine.sweep.LatinHypercubeSweep;
import dev.aiperf.engine.sweep.SamplingDesign;
import dev.aiperf.engine.sweep.SobolSweep;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.SweepParser;
import dev.aiperf.engine.sweep.Variation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Executes a benchmark plan: one cell at a time (the JUnit extension) or the whole plan in its iteration order
 * (the command line and the Maven plugin). Goes on past failed runs, stops a cell's trials once they converge
 * ({@code multi_run.convergence}), stops cleanly when cancelled and writes the aggregates of whatever finished.
 */
public final class BenchmarkSession implements AutoCloseable {

    private final TrialRunner trials;
    private final SweepConfig sweep;
    private final Plan plan;
    private final List<SlaRule> gates;

    private BenchmarkSession(TrialRunner trials, SweepConfig sweep, Plan plan) {
        this.trials = trials;
        this.sweep = sweep;
        this.plan = plan;
        List<SlaRule> rules = new ArrayList<>(trials.options().slaRules());
        if (sweep != null) {
            sweep.common().slaFilters().stream().filter(r -> !rules.contains(r)).forEach(rules::add);
        }
        this.gates = List.copyOf(rules);
    }

    /**
     * Validates the sweep, starts the embedded mock server if no URL is configured, and plans every run.
     *
     * @throws ConfigException for a sweep that does not validate, or an adaptive search (see {@link SearchSession})
     */
    public static BenchmarkSession open(AIPerfConfig config, SessionOptions options, RunExecutor executor) {
        SweepConfig sweep = config.sweepTree() == null ? null : SweepParser.parse(config.sweepTree(), SourceLines.NONE);
        TrialRunner trials = TrialRunner.open(config, options, executor, sweep != null);
        try {
            Plan plan = Plan.of(trials.config(), sweep, trials.config().benchmark().artifacts().dir());
            return new BenchmarkSession(trials, sweep, plan);
        } catch (RuntimeException e) {
            trials.close();
            throw e;
        }
    }

    public Plan plan() {
        return plan;
    }

    /** The config requests go out with (pointed at the embedded server when one was started). */
    public AIPerfConfig config() {
        return trials.config();
    }

    /** The gate rules judged on every cell: the session's rules plus the YAML {@code sla_filters}. */
    public List<SlaRule> gates() {
        return gates;
    }

    public boolean cancelled() {
        return trials.cancelled();
    }

    /**
     * Runs every trial of one cell (in trial order) and writes its aggregate. The JUnit extension calls this once
     * per test invocation.
     */
    public CellResult runCell(int variationIndex) {
        List<PlannedRun> runs = runsOf(variationIndex);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no variation with index " + variationIndex);
        }
        execute(runs);
        return cellResult(runs.get(0).variation(), runs, true);
    }

    /** Runs the whole plan (or what a resume leaves of it) in its iteration order, then every aggregate. */
    public ProfileResult runAll() {
        SessionOptions options = trials.options();
        List<PlannedRun> todo = options.resume() ? plan.pending() : plan.runs();
        if (options.resume()) {
            options.listener().message("resume: " + (plan.runs().size() - todo.size()) + " of " + plan.runs().size()
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
        SessionOptions options = trials.options();
        double level = config().multiRun().confidenceLevel();
        Path base = plan.layout().base();
        List<CellResult> cells = new ArrayList<>();
        List<FailedRun> failed = new ArrayList<>();
        SweepAggregate sweepAggregate = null;
        if (plan.runs().stream().anyMatch(r -> Files.isDirectory(r.runDir()))) {
            try {
                sweepAggregate = Aggregates.recompute(base, level,
                        sweep == null ? List.of() : sweep.common().slaFilters()).sweep();
            } catch (ConfigException e) {
                options.listener().message("aggregates: " + e.getMessage());
            }
            if (sweep instanceof SobolSweep || sweep instanceof LatinHypercubeSweep) {
                // The audit trail of a space-filling design sits next to the sweep aggregate it explains.
                SamplingDesign.write(plan.layout().sweepAggregateDir(), config(), sweep, plan.variations());
            }
            if (sweep != null) {
                PostProcessing.run(sweep, sweepAggregate, plan.layout().sweepAggregateDir(), options.listener());
            }
            for (Variation v : plan.variations()) {
                List<PlannedRun> runs = runsOf(v.index());
                if (runs.stream().anyMatch(r -> Files.isDirectory(r.runDir()))) {
                    CellResult c = cellResult(v, runs, false);
                    cells.add(c);
                    failed.addAll(c.failedRuns());
                }
            }
        }
        ProfileResult result = new ProfileResult(base, cells,
                sweepAggregate == null ? null : sweepAggregate.summary(plan.layout().sweepAggregateDir()), failed,
                cancelled(), level);
        options.listener().finished(result, sweepAggregate);
        return result;
    }

    private List<PlannedRun> runsOf(int variationIndex) {
        return plan.runs().stream().filter(r -> r.variation().index() == variationIndex)
                .sorted(Comparator.comparingInt(PlannedRun::trial)).toList();
    }

    private void execute(List<PlannedRun> runs) {
        int position = 0;
        Set<Integer> converged = new HashSet<>();
        for (PlannedRun run : runs) {
            if (trials.cancelled()) {
                return;
            }
            if (converged.contains(run.variation().index()) || converged(run)) {
                converged.add(run.variation().index());
                continue;
            }
            if (trials.run(run, ++position, runs.size()) == null) {
                return;
            }
        }
    }

    /**
     * True when {@code multi_run.convergence} says this trial is not needed: the cell's earlier trials (as the files
     * show them, so a resumed benchmark decides the same) already meet the criterion. Says so once per cell.
     */
    private boolean converged(PlannedRun run) {
        MultiRunConfig mr = config().multiRun();
        // Trial t has t earlier trials; below the criterion's minimum there is nothing to read from disk yet.
        if (mr.convergence() == null || run.trial() < Math.max(2, mr.convergence().minRuns())) {
            return false;
        }
        RunSummaryReader reader = new RunSummaryReader();
        List<RunSummary> earlier = runsOf(run.variation().index()).stream().filter(r -> r.trial() < run.trial())
                .map(PlannedRun::runDir).filter(Files::isDirectory).map(reader::read).toList();
        ConvergenceCriterion.StopDecision d = ConvergenceCriterion.shouldStop(earlier, mr);
        if (!d.stop() || !d.reason().equals("converged")) {
            return false;
        }
        String cell = sweep == null ? "" : "cell " + run.variation().label() + ": ";
        int skipped = mr.numRuns() - earlier.size();
        trials.options().listener().message(cell + "converged after " + earlier.size() + " of " + mr.numRuns()
                + " trials (" + d.verdict().detail() + " on " + mr.convergence().metric() + "); the other " + skipped
                + (skipped == 1 ? " is" : " are") + " not run");
        return true;
    }

    private CellResult cellResult(Variation v, List<PlannedRun> runs, boolean writeAggregate) {
        Path aggregateDir = runs.get(0).cellAggregateDir();
        AIPerfConfig config = config();
        CellMetadata metadata = writeAggregate && aggregateDir != null && runs.size() > 1 ? new CellMetadata(
                config.multiRun().cooldownSeconds(), sweep == null ? null : v.label(),
                sweep == null ? null : v.plainValues(), sweep == null ? null : plan.layout().shape().sweepMode(),
                config.benchmark().models().get(0)) : null;
        return CellResultReader.read(v, sweep == null ? "" : v.label(), runs.stream().map(PlannedRun::runDir).toList(),
                aggregateDir, metadata, config.multiRun().confidenceLevel(), gates);
    }

    @Override
    public void close() {
        trials.close();
    }
}
