package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.orchestrate.RunOutcome;
import dev.aiperf.engine.orchestrate.RunProgress;
import dev.aiperf.engine.orchestrate.SweepListener;
import dev.aiperf.engine.plan.CooldownKind;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.plan.PlannedRun;
import dev.aiperf.engine.report.SimpleConsoleUi;
import dev.aiperf.engine.run.PhaseProgress;
import dev.aiperf.engine.stats.SweepAggregate;

import java.io.PrintStream;

/**
 * The orchestrator's listener, fanned out to the console (when the caller asked for one) and to the caller's
 * {@link BenchmarkListener}, whose events carry only API types.
 */
final class ListenerBridge implements SweepListener {

    private final SweepListener console;
    private final BenchmarkListener listener;

    private ListenerBridge(SweepListener console, BenchmarkListener listener) {
        this.console = console;
        this.listener = listener;
    }

    static SweepListener of(PrintStream out, boolean quiet, BenchmarkListener listener) {
        SweepListener console = out == null ? SweepListener.NONE
                : quiet ? SimpleConsoleUi.quiet(out)
                : listener.drawsProgress() ? SimpleConsoleUi.withoutLiveCounter(out) : SimpleConsoleUi.simple(out);
        return new ListenerBridge(console, listener);
    }

    @Override
    public void message(String line) {
        console.message(line);
        listener.message(line);
    }

    @Override
    public void planned(Plan plan, int runsToDo) {
        console.planned(plan, runsToDo);
    }

    @Override
    public void runStarted(PlannedRun run, int position, int total) {
        console.runStarted(run, position, total);
        listener.trialStarted(trial(run), position, total);
    }

    @Override
    public RunProgress progressFor(PlannedRun run) {
        RunProgress shown = console.progressFor(run);
        if (!listener.drawsProgress()) {
            return shown;
        }
        BenchmarkListener.Trial trial = trial(run);
        return new RunProgress() {
            @Override
            public void update(String phase, long completed, long errors, long expected) {
                shown.update(phase, completed, errors, expected);
            }

            @Override
            public void update(PhaseProgress p) {
                shown.update(p);
                listener.progress(trial, new BenchmarkListener.Progress(p.phase(), p.completed(), p.errors(),
                        p.targetRequests() == null ? -1 : p.targetRequests(), p.elapsedSeconds(),
                        p.targetSeconds() == null ? -1 : p.targetSeconds()));
            }
        };
    }

    @Override
    public void runFinished(PlannedRun run, RunOutcome outcome, double seconds) {
        console.runFinished(run, outcome, seconds);
        listener.trialFinished(trial(run), outcome.status().json(), outcome.error(), seconds);
    }

    @Override
    public void cooldown(double seconds, CooldownKind kind) {
        console.cooldown(seconds, kind);
    }

    @Override
    public void finished(ProfileResult result, SweepAggregate sweep) {
        console.finished(result, sweep);
        listener.finished(result);
    }

    private static BenchmarkListener.Trial trial(PlannedRun run) {
        return new BenchmarkListener.Trial(run.variation().index(), run.variation().label(), run.trial(),
                run.runLabel(), run.runDir());
    }
}
