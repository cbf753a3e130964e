package dev.aiperf.engine.config;

/**
 * Maps a dotted YAML path (e.g. {@code sweep.parameters.concurrency}, {@code benchmark.phases[0].rate}) to
 * the 1-based line it was written on, so errors can point at the source. 0 when unknown.
 */
@FunctionalInterface
public interface SourceLines {
    SourceLines NONE = path -> 0;

    int lineOf(String path);
}
