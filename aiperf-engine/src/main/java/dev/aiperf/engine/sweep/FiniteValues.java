package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.config.Fields;

/**
 * Sweep values must be finite: a NaN or infinite number can be neither sent to a server nor told apart in a cell
 * label. YAML cannot write them, but flags, annotations and recipes can deliver them.
 */
final class FiniteValues {
    private FiniteValues() {
    }

    /** True when {@code v} (and everything inside it) is finite; otherwise records the first offender at {@code key}. */
    static boolean check(Fields f, String key, JsonNode v) {
        if (v.isNumber() && !Double.isFinite(v.doubleValue())) {
            f.error(key, "contains " + PythonStr.str(v) + "; NaN and +/-inf are rejected, use finite numbers");
            return false;
        }
        if (v.isContainerNode()) {
            for (JsonNode c : v) {
                if (!check(f, key, c)) {
                    return false;
                }
            }
        }
        return true;
    }
}
