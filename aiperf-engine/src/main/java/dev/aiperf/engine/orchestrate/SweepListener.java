package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.plan.CooldownKind;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.plan.PlannedRun;
import dev.aiperf.engine.stats.SweepAggregate;

/** What a front-end hears while a session runs. Every method has a no-op default. */
public interface SweepListener {

    SweepListener NONE = new SweepListener() {
    };

    /** A one-line notice, e.g. that the embedded mock server started, or that a resume skipped runs. */
    default void message(String line) {
    }

    default void planned(Plan plan, int runsToDo) {
    }

    /** A run starts; {@code position} is 1-based among the runs this session executes. */
    default void runStarted(PlannedRun run, int position, int total) {
    }

    /** Live progress of the run that just started. */
    default RunProgress progressFor(PlannedRun run) {
        return RunProgress.NONE;
    }

    default void runFinished(PlannedRun run, RunOutcome outcome, double seconds) {
    }

    default void cooldown(double seconds, CooldownKind kind) {
    }

    /** The benchmark ended; {@code sweep} is its sweep aggregate, {@code null} without a sweep. */
    default void finished(ProfileResult result, SweepAggregate sweep) {
    }
}
