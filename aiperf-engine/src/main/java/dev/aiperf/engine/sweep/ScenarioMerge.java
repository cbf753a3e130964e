package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Deep-merges a scenario's override onto a copy of the base, as AIPerf does:
 * <ul>
 *   <li>dict + dict merge recursively;</li>
 *   <li>lists of named dicts (phases, datasets) merge entry by entry on {@code name}; new names are appended and
 *       base entries the override does not mention are kept;</li>
 *   <li>a change of distribution kind (both sides carry keys from {peaks, points, value, median, stddev} and the sets
 *       differ) replaces the dict, so {@code {mean, stddev}} over {@code {mean, median}} does not leave a stray
 *       {@code median};</li>
 *   <li>anything else, plain lists included, replaces.</li>
 * </ul>
 */
public final class ScenarioMerge {

    private static final Set<String> DISTRIBUTION_KEYS = Set.of("peaks", "points", "value", "median", "stddev");

    private ScenarioMerge() {
    }

    /** Returns a new tree: {@code base} with {@code override} merged in; neither argument is modified. */
    public static ObjectNode merge(ObjectNode base, ObjectNode override) {
        ObjectNode out = base.deepCopy();
        mergeInto(out, override);
        return out;
    }

    private static void mergeInto(ObjectNode target, ObjectNode override) {
        Iterator<Map.Entry<String, JsonNode>> it = override.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            target.set(e.getKey(), mergeValue(existing, e.getValue()));
        }
    }

    private static JsonNode mergeValue(JsonNode base, JsonNode override) {
        if (base instanceof ObjectNode b && override instanceof ObjectNode o) {
            if (isKindSwap(b, o)) {
                return o.deepCopy();
            }
            ObjectNode copy = b.deepCopy();
            mergeInto(copy, o);
            return copy;
        }
        if (base instanceof ArrayNode b && override instanceof ArrayNode o
                && DottedPath.isNamedList(b) && DottedPath.isNamedList(o)) {
            ArrayNode copy = b.deepCopy();
            for (JsonNode entry : o) {
                String name = entry.get("name").asText();
                int idx = indexOf(copy, name);
                if (idx < 0) {
                    copy.add(entry.deepCopy());
                } else {
                    copy.set(idx, mergeValue(copy.get(idx), entry));
                }
            }
            return copy;
        }
        return override.deepCopy();
    }

    private static boolean isKindSwap(ObjectNode base, ObjectNode override) {
        Set<String> b = distributionKeys(base);
        Set<String> o = distributionKeys(override);
        return !b.isEmpty() && !o.isEmpty() && !b.equals(o);
    }

    private static Set<String> distributionKeys(ObjectNode n) {
        Set<String> out = new HashSet<>();
        n.fieldNames().forEachRemaining(k -> {
            if (DISTRIBUTION_KEYS.contains(k)) {
                out.add(k);
            }
        });
        return out;
    }

    private static int indexOf(ArrayNode arr, String name) {
        for (int i = 0; i < arr.size(); i++) {
            if (name.equals(arr.get(i).get("name").asText())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Rewrites a singular {@code dataset:} in a scenario's benchmark override to the canonical
     * {@code datasets: [{name: ..., ...}]}. The name is the override's own, or the base's when the base has exactly
     * one dataset.
     *
     * @param where the location for errors, e.g. {@code sweep.runs[1]}
     */
    public static ObjectNode normaliseDataset(ObjectNode override, ObjectNode base, String where) {
        JsonNode ds = override.get("dataset");
        if (ds == null) {
            return override;
        }
        if (override.has("datasets")) {
            throw new ConfigException(where + ".benchmark", "both 'dataset' and 'datasets' are given; write one");
        }
        if (!ds.isObject()) {
            throw new ConfigException(where + ".benchmark.dataset", "must be a mapping of dataset fields");
        }
        ObjectNode entry = ((ObjectNode) ds).deepCopy();
        if (!entry.hasNonNull("name")) {
            JsonNode baseList = base.get("datasets");
            if (baseList instanceof ArrayNode arr && arr.size() == 1 && arr.get(0).hasNonNull("name")) {
                ObjectNode named = JsonNodeFactory.instance.objectNode();
                named.set("name", arr.get(0).get("name"));
                named.setAll(entry);
                entry = named;
            } else {
                int n = baseList instanceof ArrayNode arr ? arr.size() : 0;
                throw new ConfigException(where + ".benchmark.dataset", "has no 'name' and the base has " + n
                        + " datasets, so the target is ambiguous; add 'name:' naming the dataset to override");
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        override.fields().forEachRemaining(e -> {
            if (e.getKey().equals("dataset")) {
                out.set("datasets", JsonNodeFactory.instance.arrayNode());
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        ((ArrayNode) out.get("datasets")).add(entry);
        return out;
    }
}
