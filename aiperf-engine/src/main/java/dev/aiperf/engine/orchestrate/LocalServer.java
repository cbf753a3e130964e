package dev.aiperf.engine.orchestrate;

import java.net.URI;

/**
 * A server this process starts to benchmark when no URL is configured, or to warm the harness on: in practice the
 * embedded mock server ({@link EmbeddedMock}). A seam so that the engine's other classes never name the optional
 * {@code aiperf-mock} module.
 */
public interface LocalServer extends AutoCloseable {

    /** {@code http://127.0.0.1:<port>}. */
    URI baseUrl();

    /** What it is, for the notice that it started, e.g. {@code Batching latency model}. */
    String description();

    /** Stops it. */
    @Override
    void close();
}
