package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Cartesian product of parameter lists.
 *
 * @param parameters canonical dotted path (aliases resolved, body-rooted) to its values, sorted by path
 */
public record GridSweep(
        SweepCommon common,
        Map<String, List<JsonNode>> parameters,
        IterationOrder iterationOrder,
        boolean sameSeed) implements SweepConfig {

    public GridSweep {
        parameters = SweepParameters.copySorted(parameters);
    }

    @Override
    public String typeName() {
        return "grid";
    }
}
