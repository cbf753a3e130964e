package dev.aiperf.engine.compare;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * One run's {@code profile_export_aiperf.json}, as read back for a comparison.
 *
 * @param file        the file it was read from
 * @param trial       the 0-based trial from {@code run_info}, or the order found when absent
 * @param export      the whole JSON document
 */
public record RunResult(Path file, int trial, JsonNode export) {

    /** The value of {@code <tag>.<stat>} in display units, when the run has a finite one. */
    public OptionalDouble value(String tag, String stat) {
        JsonNode v = export.path(tag).path(stat);
        if (v.isNumber() && Double.isFinite(v.asDouble())) {
            return OptionalDouble.of(v.asDouble());
        }
        return OptionalDouble.empty();
    }

    /** The unit of a metric block, or an empty string. */
    public String unit(String tag) {
        return export.path(tag).path("unit").asText("");
    }

    /** The run's {@code input_config}, or a missing node. */
    public JsonNode inputConfig() {
        return export.path("input_config");
    }
}
