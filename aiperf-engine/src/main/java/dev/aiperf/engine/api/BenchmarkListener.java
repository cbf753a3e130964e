package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.ProfileResult;

import java.nio.file.Path;

/**
 * What a caller hears while a benchmark runs, besides the console output it may have asked for. Every method has a
 * no-op default; calls come from the thread that runs the benchmark, one trial at a time.
 */
public interface BenchmarkListener {

    /** A listener that ignores everything. */
    BenchmarkListener NONE = new BenchmarkListener() {
    };

    /** A one-line notice: the embedded server started, a resume skipped runs, a search iteration's verdict... */
    default void message(String line) {
    }

    /** A trial starts; {@code position} is 1-based among the {@code total} this execution plans to run. */
    default void trialStarted(Trial trial, int position, int total) {
    }

    /**
     * A trial ended.
     *
     * @param status  {@code ok}, {@code failed} or {@code cancelled}
     * @param error   why it did not end ok, or {@code null}
     * @param seconds how long it took
     */
    default void trialFinished(Trial trial, String status, String error, double seconds) {
    }

    /** The benchmark ended and its aggregates are written. */
    default void finished(ProfileResult result) {
    }

    /**
     * One trial of one cell.
     *
     * @param cellIndex the cell's 0-based index
     * @param cellLabel the cell's label ({@code ""} without a sweep)
     * @param trial     the 0-based trial index within the cell
     * @param runLabel  {@code run_0001} / {@code trial_0001}
     * @param runDir    where its artifacts go
     */
    record Trial(int cellIndex, String cellLabel, int trial, String runLabel, Path runDir) {
    }
}
