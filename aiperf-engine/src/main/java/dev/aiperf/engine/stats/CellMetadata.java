package dev.aiperf.engine.stats;

import java.util.Map;

/**
 * Extra metadata of a per-cell aggregate inside a sweep; every field may be {@code null} (and is then left
 * out of the file). {@link #NONE} for a multi-run without a sweep.
 */
public record CellMetadata(
        Double cooldownSeconds,
        String variationLabel,
        Map<String, Object> variationValues,
        String sweepMode,
        String model) {

    public static final CellMetadata NONE = new CellMetadata(null, null, null, null, null);
}
