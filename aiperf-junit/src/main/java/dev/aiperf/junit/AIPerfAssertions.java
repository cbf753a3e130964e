package dev.aiperf.junit;

import dev.aiperf.engine.api.model.CellResult;

/**
 * AssertJ entry point for benchmark results:
 * {@code assertThat(cell).metric("time_to_first_token").p99().isLessThan(200)} judges the mean over the cell's
 * trials; {@code .ciHigh()}, {@code .ciLow()}, {@code .mean()} reach the confidence interval.
 */
public final class AIPerfAssertions {

    private AIPerfAssertions() {
    }

    public static CellResultAssert assertThat(CellResult cell) {
        return new CellResultAssert(cell);
    }
}
