package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The whole validated YAML envelope, after {@code ${VAR}} substitution and flag overrides.
 *
 * @param benchmarkTree the raw {@code benchmark:} body (canonical form: {@code datasets} list, named phases);
 *                      sweeps override paths in a deep copy of it and bind each copy again
 * @param benchmark     the typed, validated base benchmark
 * @param sweepTree     the raw {@code sweep:} block, or {@code null} when there is no sweep
 * @param multiRun      the {@code multi_run:} block (defaults when absent)
 * @param randomSeed    the envelope's seed, or {@code null}
 * @param variables     the envelope's {@code variables:} block (never null, may be empty)
 */
public record AIPerfConfig(
        ObjectNode benchmarkTree,
        BenchmarkConfig benchmark,
        JsonNode sweepTree,
        MultiRunConfig multiRun,
        Long randomSeed,
        ObjectNode variables) {

    /** The envelope with secrets redacted ({@link ConfigLoader#redactedTree}): an API key never reaches a log. */
    @Override
    public String toString() {
        return "AIPerfConfig" + ConfigLoader.redactedTree(this);
    }
}
