package dev.aiperf.engine.sweep;

import java.util.List;

/**
 * A Sobol low-discrepancy design of {@code samples} points over {@code dimensions}.
 *
 * @param samples     2..2^20 (powers of two balance best)
 * @param seed        scrambling seed, or {@code null} to use the envelope seed
 * @param scramble    scramble the sequence (default true); unscrambled, the first point is all-lo
 * @param labelFormat index ({@code sobol_0000}) or kv ({@code k=v, ...})
 * @param sameSeed    accepted for symmetry with grid; space-filling sweeps always use base seed + index
 */
public record SobolSweep(
        SweepCommon common,
        int samples,
        Long seed,
        List<SamplingDimension> dimensions,
        boolean scramble,
        LabelFormat labelFormat,
        IterationOrder iterationOrder,
        boolean sameSeed) implements SweepConfig {

    public SobolSweep {
        dimensions = List.copyOf(dimensions);
    }

    @Override
    public String typeName() {
        return "sobol";
    }
}
