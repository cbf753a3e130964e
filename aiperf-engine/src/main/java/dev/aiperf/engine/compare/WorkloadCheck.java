package dev.aiperf.engine.compare;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides whether two runs measured the same workload, from their {@code input_config}: the models, the endpoint
 * type and streaming flag, the dataset(s) and the phases. URLs, keys, artifact paths and seeds may differ.
 */
final class WorkloadCheck {

    private static final int MAX_DIFFERENCES = 5;
    private static final List<List<String>> COMPARED = List.of(
            List.of("models"), List.of("model"), List.of("model_names"),
            List.of("endpoint", "type"), List.of("endpoint", "streaming"), List.of("endpoint", "model_names"),
            List.of("datasets"), List.of("dataset"), List.of("phases"));

    private WorkloadCheck() {
    }

    /**
     * The differences between two {@code input_config} blocks, each {@code path: baseline X, candidate Y}; empty
     * when they match or when either side has no {@code input_config} to check.
     */
    static List<String> differences(JsonNode baseline, JsonNode candidate) {
        JsonNode b = body(baseline);
        JsonNode c = body(candidate);
        List<String> out = new ArrayList<>();
        if (!b.isObject() || !c.isObject()) {
            return out;
        }
        for (List<String> path : COMPARED) {
            JsonNode bv = b;
            JsonNode cv = c;
            for (String segment : path) {
                bv = bv.path(segment);
                cv = cv.path(segment);
            }
            diff(String.join(".", path), bv, cv, out);
        }
        return out;
    }

    /** The benchmark body: the {@code benchmark:} block when the envelope was exported, else the node itself. */
    private static JsonNode body(JsonNode config) {
        return config.path("benchmark").isObject() ? config.path("benchmark") : config;
    }

    private static void diff(String path, JsonNode b, JsonNode c, List<String> out) {
        if (out.size() >= MAX_DIFFERENCES) {
            return;
        }
        if (b.isObject() && c.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            b.fieldNames().forEachRemaining(names::add);
            c.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path + "." + name, b.path(name), c.path(name), out);
            }
        } else if (b.isArray() && c.isArray() && b.size() == c.size()) {
            Iterator<JsonNode> bi = b.elements();
            Iterator<JsonNode> ci = c.elements();
            for (int i = 0; bi.hasNext(); i++) {
                diff(path + "[" + i + "]", bi.next(), ci.next(), out);
            }
        } else if (!sameScalar(b, c)) {
            out.add(path + ": baseline " + show(b) + ", candidate " + show(c));
        }
    }

    private static boolean sameScalar(JsonNode b, JsonNode c) {
        if (b.isNumber() && c.isNumber()) {
            return b.decimalValue().compareTo(c.decimalValue()) == 0;
        }
        return b.equals(c);
    }

    private static String show(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "absent" : n.toString();
    }
}
