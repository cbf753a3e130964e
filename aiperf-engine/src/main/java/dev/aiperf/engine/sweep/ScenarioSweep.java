package dev.aiperf.engine.sweep;

import java.util.List;

/** Named patches deep-merged onto the base benchmark, one variation per run, in the order written. */
public record ScenarioSweep(
        SweepCommon common,
        List<ScenarioRun> runs,
        IterationOrder iterationOrder,
        boolean sameSeed) implements SweepConfig {

    public ScenarioSweep {
        runs = List.copyOf(runs);
    }

    @Override
    public String typeName() {
        return "scenarios";
    }
}
