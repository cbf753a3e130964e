package dev.aiperf.engine.run;

import dev.aiperf.engine.config.PhaseConfig;

/**
 * Live progress of a run, for progress bars and logs. Called from the run's own threads, a few times a second
 * per phase, never from the thread that reads responses.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = progress -> { };

    /** A snapshot of the phase in progress. */
    void onProgress(PhaseProgress progress);

    /** The phase starts sending. */
    default void onPhaseStart(PhaseConfig phase) {
    }

    /** The phase has finished: every request it sent has a record. */
    default void onPhaseEnd(PhaseResult result) {
    }
}
