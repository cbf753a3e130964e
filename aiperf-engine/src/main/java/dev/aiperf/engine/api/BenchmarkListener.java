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

    /**
     * Live progress of the running trial, a few times a second from a progress thread (keep it cheap): the phase,
     * its counts and time. Called only while a console UI other than {@code none} is asked for.
     */
    default void progress(Trial trial, Progress progress) {
    }

    /**
     * True when this listener shows live progress itself (the command line's progress bars on a terminal): the
     * console then prints its run lines but no live counter of its own.
     */
    default boolean drawsProgress() {
        return false;
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

    /**
     * A running phase at one moment.
     *
     * @param phase            the phase's name ({@code warmup}, {@code profiling}, ...)
     * @param completed        requests finished so far, ok or failed
     * @param errors           of which failed
     * @param expectedRequests the phase's request count, or -1 when it runs for a duration
     * @param elapsedSeconds   since the phase started sending
     * @param durationSeconds  the phase's duration, or -1 when it runs for a request count
     */
    record Progress(String phase, long completed, long errors, long expectedRequests, double elapsedSeconds,
                    double durationSeconds) {

        /** Fraction done in [0, 1], by request count or by time. */
        public double fraction() {
            double byCount = expectedRequests > 0 ? (double) completed / expectedRequests : 0;
            double byTime = durationSeconds > 0 ? elapsedSeconds / durationSeconds : 0;
            return Math.min(1, Math.max(byCount, byTime));
        }

        /** Completed requests per second since the phase started, 0 before the first. */
        public double rate() {
            return elapsedSeconds > 0 ? completed / elapsedSeconds : 0;
        }
    }
}
