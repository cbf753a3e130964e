package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aiperf.engine.config.Fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a grid or zip sweep: {@code parameters}, a mapping of dotted path to the list of values it takes. Every
 * value makes (part of) one cell, labelled and stored by value, so repeated values and tuples are rejected.
 */
final class GridZipParser {
    static final List<String> KEYS = List.of("parameters", "iteration_order", "same_seed");

    private GridZipParser() {
    }

    /** {@code type} is {@code grid} or {@code zip}; {@code null} when a problem was recorded. */
    static SweepConfig parse(Fields f, String type, List<String> warnings) {
        Map<String, List<JsonNode>> params = new LinkedHashMap<>();
        Map<String, String> spelledAs = new HashMap<>();
        if (!f.has("parameters")) {
            f.error(null, type + " sweep needs 'parameters:', a mapping of dotted path to a list of values,"
                    + " e.g. parameters: {concurrency: [8, 16, 32]}");
        }
        Fields p = f.has("parameters") ? f.mapping("parameters") : null;
        if (p != null) {
            readParameters(p, params, spelledAs);
        }
        IterationOrder order = SweepCommonParser.iterationOrder(f);
        boolean sameSeed = f.bool("same_seed", false);
        // Cross-list checks need every list read; otherwise they would report lists that were already rejected.
        if (p != null && !params.isEmpty() && params.size() == p.node().size()) {
            if (type.equals("grid")) {
                params.forEach((path, values) -> rejectRepeats(p, spelledAs.get(path), values));
            } else {
                checkZipLists(p, params, spelledAs);
            }
        }
        SweepCommon common = SweepCommonParser.parse(f, warnings);
        if (f.hasProblems()) {
            return null;
        }
        return type.equals("grid") ? new GridSweep(common, params, order, sameSeed)
                : new ZipSweep(common, params, order, sameSeed);
    }

    private static void readParameters(Fields p, Map<String, List<JsonNode>> params, Map<String, String> spelledAs) {
        if (p.node().isEmpty()) {
            p.error(null, "must name at least one parameter, e.g. concurrency: [8, 16, 32]");
            return;
        }
        p.node().fields().forEachRemaining(e -> {
            String raw = e.getKey();
            String canonical = DottedPath.canonical(raw, p, raw);
            List<JsonNode> values = valueList(p, raw, e.getValue());
            if (canonical == null) {
                return;
            }
            if (spelledAs.containsKey(canonical)) {
                p.error(raw, "'" + raw + "' resolves to '" + canonical + "', which is already a parameter (as '"
                        + spelledAs.get(canonical) + "'). Pick one spelling, the bare alias or the full path.");
                return;
            }
            spelledAs.put(canonical, raw);
            if (values != null) {
                params.put(canonical, values);
            }
        });
    }

    private static List<JsonNode> valueList(Fields p, String key, JsonNode v) {
        if (!v.isArray()) {
            p.error(key, "must be a list of values, e.g. [" + (v.isValueNode() ? v.asText() + ", ..." : "8, 16")
                    + "]; a single value needs no sweep");
            return null;
        }
        if (v.isEmpty()) {
            p.error(key, "must not be an empty list; give at least one value");
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!FiniteValues.check(p, key, e)) {
                return null;
            }
            out.add(e.deepCopy());
        }
        return out;
    }

    /** Identity of a value for collision checks: 5 and 5.0 are one value, as in Python. */
    private static String valueKey(JsonNode v) {
        if (v.isNumber()) {
            return "n:" + v.decimalValue().stripTrailingZeros().toPlainString();
        }
        return v.getNodeType() + ":" + v;
    }

    private static void rejectRepeats(Fields p, String key, List<JsonNode> values) {
        Set<String> seen = new HashSet<>();
        for (JsonNode v : values) {
            if (!seen.add(valueKey(v))) {
                p.error(key, "value " + PythonStr.str(v) + " is repeated in " + PythonStr.repr(arrayOf(values))
                        + "; each value makes one cell, so repeated values would collide on label and directory."
                        + " Remove the duplicates (use multi_run.num_runs to repeat a cell)");
                return;
            }
        }
    }

    private static void checkZipLists(Fields p, Map<String, List<JsonNode>> params, Map<String, String> spelledAs) {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        params.forEach((path, values) -> lengths.put(spelledAs.get(path), values.size()));
        if (new HashSet<>(lengths.values()).size() > 1) {
            p.error(null, "zip sweep parameters must all have equal length; got " + lengths + ".");
            return;
        }
        int n = params.values().iterator().next().size();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            StringBuilder key = new StringBuilder();
            for (List<JsonNode> values : params.values()) {
                key.append(valueKey(values.get(i))).append('|');
            }
            if (!seen.add(key.toString())) {
                p.error(null, "zip position " + i + " repeats an earlier tuple of values; its cell would collide"
                        + " on label and directory. Remove the duplicate (use multi_run.num_runs to repeat a cell)");
                return;
            }
        }
    }

    private static ArrayNode arrayOf(List<JsonNode> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
