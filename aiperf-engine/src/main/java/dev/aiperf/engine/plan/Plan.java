package dev.aiperf.engine.plan;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.sweep.AdaptiveSearchSweep;
import dev.aiperf.engine.sweep.IterationOrder;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.SweepExpander;
import dev.aiperf.engine.sweep.Variation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The full execution plan: every run of every cell in execution order, with seeds, cooldowns and directories.
 * A dry run prints it; the orchestrator executes it; {@link #pending()} tells {@code --resume} what is left.
 *
 * <p>Order: {@code repeated} (default) runs trial 1 of every variation, then trial 2 of every variation...;
 * {@code independent} runs all trials of variation 0, then of variation 1... Cooldowns come only between runs:
 * in repeated order {@code sweep.cooldown_seconds} separates variations within a trial and
 * {@code multi_run.cooldown_seconds} separates the passes; in independent order the roles swap
 * ({@code multi_run} between trials of one variation, {@code sweep} between variations).
 *
 * @param layout     the directory layout
 * @param trials      trials per cell ({@code multi_run.num_runs}; convergence may stop a cell sooner)
 * @param convergence when a cell's trials stop early ({@code multi_run.convergence}), or {@code null}
 * @param sweep      the sweep, or {@code null}
 * @param variations the cells in index order (one without values when there is no sweep)
 * @param runs       every run in execution order
 */
public record Plan(RunLayout layout, int trials, MultiRunConfig.ConvergenceConfig convergence, SweepConfig sweep,
                   List<Variation> variations, List<PlannedRun> runs) {

    public Plan {
        variations = List.copyOf(variations);
        runs = List.copyOf(runs);
    }

    /**
     * Plans {@code cfg} with its parsed {@code sweep} (or {@code null}) under {@code baseDir}.
     *
     * @throws ConfigException for convergence with {@code iteration_order: repeated}, or for an adaptive sweep
     *                         (whose runs are decided during the search, see {@link RunLayout.Shape#ADAPTIVE})
     */
    public static Plan of(AIPerfConfig cfg, SweepConfig sweep, Path baseDir) {
        MultiRunConfig mr = cfg.multiRun() == null ? MultiRunConfig.DEFAULT : cfg.multiRun();
        int trials = mr.numRuns();
        if (sweep instanceof AdaptiveSearchSweep) {
            throw new ConfigException("sweep.type", "adaptive_search cannot be planned in advance: each iteration's"
                    + " point depends on the results so far (at most max_iterations x num_runs runs)");
        }
        List<Variation> variations = sweep == null ? List.of(SweepExpander.single(cfg))
                : SweepExpander.expand(cfg, sweep);
        IterationOrder order = sweep == null ? IterationOrder.INDEPENDENT : sweep.iterationOrder();
        if (sweep != null && order == IterationOrder.REPEATED && mr.convergence() != null && trials > 1) {
            throw new ConfigException("sweep.iteration_order", "multi_run.convergence stops a cell once its"
                    + " results converge, but iteration_order 'repeated' runs trial 1 of every cell before trial 2,"
                    + " so a cell cannot stop early. Use 'independent' instead.");
        }
        RunLayout layout = RunLayout.planned(baseDir, sweep != null, order == IterationOrder.INDEPENDENT, trials);
        double sweepCooldown = sweep == null ? 0 : sweep.common().cooldownSeconds();
        Long envelopeSeed = SweepExpander.baseSeed(cfg);

        List<int[]> cells = new ArrayList<>();
        if (order == IterationOrder.REPEATED) {
            for (int t = 0; t < trials; t++) {
                for (int v = 0; v < variations.size(); v++) {
                    cells.add(new int[] {v, t});
                }
            }
        } else {
            for (int v = 0; v < variations.size(); v++) {
                for (int t = 0; t < trials; t++) {
                    cells.add(new int[] {v, t});
                }
            }
        }
        List<PlannedRun> runs = new ArrayList<>();
        int[] prev = null;
        for (int[] c : cells) {
            Variation var = variations.get(c[0]);
            int trial = c[1];
            CooldownKind ck = CooldownKind.NONE;
            double cooldown = 0;
            if (prev != null) {
                boolean sameVariation = prev[0] == c[0];
                boolean sameTrial = prev[1] == trial;
                if (order == IterationOrder.REPEATED) {
                    // Within a pass: between variations; across passes: the trial cooldown.
                    ck = sameTrial ? CooldownKind.VARIATION : CooldownKind.TRIAL;
                } else {
                    ck = sameVariation ? CooldownKind.TRIAL : CooldownKind.VARIATION;
                }
                cooldown = ck == CooldownKind.TRIAL ? mr.cooldownSeconds() : sweepCooldown;
                if (cooldown <= 0) {
                    ck = CooldownKind.NONE;
                    cooldown = 0;
                }
            }
            boolean skipWarmup = trial > 0 && mr.disableWarmupAfterFirst();
            Long seed = mr.varySeedPerTrial() ? trialSeed(envelopeSeed, var.label(), trial) : var.seed();
            runs.add(new PlannedRun(runs.size() + 1, var, trial, layout.runLabel(trial), seed,
                    layout.runDir(var.dirName(), trial), layout.cellAggregateDir(var.dirName()),
                    layout.sweepAggregateDir(), skipWarmup, cooldown, ck,
                    RunTimeEstimate.seconds(var.benchmarkTree(), skipWarmup)));
            prev = c;
        }
        return new Plan(layout, trials, mr.convergence(), sweep, variations, runs);
    }

    /**
     * The per-trial seed of {@code multi_run.vary_seed_per_trial}: the first 8 bytes (big-endian) of
     * SHA-256 over the UTF-8 text {@code "<envelope seed>:<variation label>:<trial>"}, masked to 31 bits so that it
     * is a valid seed everywhere. {@code null} when there is no envelope seed.
     */
    public static Long trialSeed(Long envelopeSeed, String label, int trial) {
        if (envelopeSeed == null) {
            return null;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((envelopeSeed + ":" + label + ":" + trial).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v & 0x7FFF_FFFFL;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Total estimated seconds: every run plus every cooldown. */
    public double estimatedSeconds() {
        return runs.stream().mapToDouble(r -> r.estimatedSeconds() + r.cooldownBeforeSeconds()).sum();
    }

    /** Runs whose directory does not hold a complete run ({@link RunCompletion}), in execution order. */
    public List<PlannedRun> pending() {
        return pending(RunCompletion::isComplete);
    }

    /** Runs for which {@code isComplete} is false, in execution order. */
    public List<PlannedRun> pending(Predicate<Path> isComplete) {
        return runs.stream().filter(r -> !isComplete.test(r.runDir())).toList();
    }
}
