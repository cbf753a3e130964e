package dev.aiperf.engine.config;

import java.util.List;
import java.util.Map;

/**
 * The body of the YAML envelope ({@code benchmark:}), validated and immutable: what one run measures.
 *
 * <p>Sweeps never mutate this record: they override paths in the raw tree and bind a new one per variation.
 *
 * @param models   model names sent in requests; the first is used unless a request names another
 * @param endpoint where and how to send requests
 * @param dataset  the single dataset (the list form in YAML is normalised to one entry)
 * @param phases   timing phases in execution order (warmup phases carry {@code excludeFromResults})
 * @param artifacts where files are written
 * @param slos     per-request service-level objectives for goodput, metric tag to threshold in display units
 */
public record BenchmarkConfig(
        List<String> models,
        EndpointConfig endpoint,
        DatasetConfig dataset,
        List<PhaseConfig> phases,
        ArtifactsConfig artifacts,
        Map<String, Double> slos) {

    public BenchmarkConfig {
        models = List.copyOf(models);
        phases = List.copyOf(phases);
        slos = Map.copyOf(slos);
    }

    /** The phases whose requests count in the results (all but warmup). */
    public List<PhaseConfig> profilingPhases() {
        return phases.stream().filter(p -> !p.excludeFromResults()).toList();
    }
}
