package dev.aiperf.engine.sweep;

import java.util.List;

/**
 * A Latin-hypercube design: exactly one of {@code samples} points in each of the {@code samples} strata of every axis.
 *
 * @param optimization {@code random-cd} (default: column swaps that lower the centered discrepancy), {@code lloyd}
 *                     (Lloyd–Max relaxation towards the Voronoi centroids, at least 2 dimensions and at most
 *                     512 samples) or {@code null} (plain stratified draw)
 * @param scramble     place each point uniformly inside its stratum (true, default) or at the stratum's centre
 */
public record LatinHypercubeSweep(
        SweepCommon common,
        int samples,
        Long seed,
        List<SamplingDimension> dimensions,
        boolean scramble,
        LabelFormat labelFormat,
        String optimization,
        IterationOrder iterationOrder,
        boolean sameSeed) implements SweepConfig {

    public LatinHypercubeSweep {
        dimensions = List.copyOf(dimensions);
    }

    @Override
    public String typeName() {
        return "latin_hypercube";
    }
}
