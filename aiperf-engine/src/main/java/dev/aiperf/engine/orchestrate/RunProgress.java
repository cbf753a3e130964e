package dev.aiperf.engine.orchestrate;

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
}
