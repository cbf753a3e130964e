package dev.aiperf.junit;

import dev.aiperf.engine.orchestrate.BenchmarkSession;
import dev.aiperf.engine.orchestrate.CellResult;

/**
 * The engine session of one benchmark method, kept in the method's extension store: cells run one per invocation;
 * when JUnit closes the store after the last invocation, every aggregate (the sweep's included) is recomputed from
 * the files and the session is closed.
 */
final class MethodSession implements AutoCloseable {

    private final BenchmarkSession session;

    MethodSession(BenchmarkSession session) {
        this.session = session;
    }

    /** Runs every trial of cell {@code index}; invocations may run in parallel, the engine runs one at a time. */
    synchronized CellResult runCell(int index) {
        return session.runCell(index);
    }

    double confidenceLevel() {
        return session.config().multiRun().confidenceLevel();
    }

    @Override
    public synchronized void close() {
        try {
            session.finish();
        } finally {
            session.close();
        }
    }
}
