package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.run.PhaseProgress;

/** Live progress of one run, called from load-generator threads: keep implementations cheap. */
@FunctionalInterface
public interface RunProgress {
    RunProgress NONE = (phase, completed, errors, expected) -> { };

    /**
     * @param phase     the phase running
     * @param completed requests finished in that phase so far (ok or failed)
     * @param errors    of which failed
     * @param expected  the phase's request count, or -1 when it runs for a duration
     */
    void update(String phase, long completed, long errors, long expected);

    /** The phase's whole snapshot (elapsed time, duration target); by default its counts go to the method above. */
    default void update(PhaseProgress p) {
        update(p.phase(), p.completed(), p.errors(), p.targetRequests() == null ? -1 : p.targetRequests());
    }
}
