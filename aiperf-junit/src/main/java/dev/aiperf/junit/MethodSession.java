package dev.aiperf.junit;

import dev.aiperf.engine.api.Execution;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ProfileResult;

import java.util.Map;

/**
 * The engine execution of one benchmark method, kept in the method's extension store: cells run one per invocation;
 * when JUnit closes the store after the last invocation, every aggregate (the sweep's included) is recomputed from
 * the files, the result is handed to the class's {@link BenchmarkResults} and the session is closed.
 */
final class MethodSession implements AutoCloseable {

    private final Execution session;
    private final String method;
    private final Map<String, ProfileResult> finished;

    /** {@code finished} receives the method's {@link ProfileResult} under {@code method} when the store closes. */
    MethodSession(Execution session, String method, Map<String, ProfileResult> finished) {
        this.session = session;
        this.method = method;
        this.finished = finished;
    }

    /** Runs every trial of cell {@code index}; invocations may run in parallel, the engine runs one at a time. */
    synchronized CellResult runCell(int index) {
        return session.runCell(index);
    }

    @Override
    public synchronized void close() {
        try {
            finished.put(method, session.finish());
        } finally {
            session.close();
        }
    }
}
