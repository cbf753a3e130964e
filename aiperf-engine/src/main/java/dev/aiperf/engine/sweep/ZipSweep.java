package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Element-wise (lockstep) pairing of equally long parameter lists.
 *
 * @param parameters canonical dotted path to its values, sorted by path; all lists have the same length
 */
public record ZipSweep(
        SweepCommon common,
        Map<String, List<JsonNode>> parameters,
        IterationOrder iterationOrder,
        boolean sameSeed) implements SweepConfig {

    public ZipSweep {
        parameters = SweepParameters.copySorted(parameters);
    }

    @Override
    public String typeName() {
        return "zip";
    }

    /** The common list length: the number of variations. */
    public int length() {
        return parameters.values().iterator().next().size();
    }
}
