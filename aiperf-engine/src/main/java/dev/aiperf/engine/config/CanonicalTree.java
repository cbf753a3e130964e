package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;

import java.util.Iterator;
import java.util.Map;

import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_DATASET_NAME;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_PHASE_NAME;

/**
 * The canonical form of a benchmark tree (a deep copy): {@code models} a list, a singular {@code dataset:}
 * rewritten to {@code datasets: [{name: main, ...}]} (an empty {@code {name: main}} entry when none is
 * written), every dataset and phase named, and a lone {@code profiling} phase added when none is written.
 *
 * <p>One form for everyone who addresses the tree by name: sweep paths such as {@code phases.profiling.concurrency}
 * and {@code datasets.main.prompts.isl} resolve against it, command-line flags override into it, and the binder
 * reads it, so all three agree on where a phase or dataset lives.
 */
final class CanonicalTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalTree() {
    }

    /** @throws ConfigException for both {@code dataset} and {@code datasets}, or more than one dataset */
    static ObjectNode of(ObjectNode benchmarkTree, SourceLines lines, String pathPrefix) {
        SourceLines sl = lines == null ? SourceLines.NONE : lines;
        String prefix = pathPrefix == null || pathPrefix.isEmpty() ? "" : pathPrefix + ".";
        ObjectNode out = NODES.objectNode();
        ObjectNode in = benchmarkTree == null ? NODES.objectNode() : benchmarkTree;
        if (in.hasNonNull("dataset") && in.hasNonNull("datasets")) {
            String p = prefix + "datasets";
            throw new ConfigException(p, sl.lineOf(p), "both 'dataset' and 'datasets' are given; keep one");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue().deepCopy();
            switch (e.getKey()) {
                case "models" -> out.set("models", v.isTextual() ? NODES.arrayNode().add(v) : v);
                case "dataset" -> out.set("datasets", v.isObject() ? NODES.arrayNode().add(v) : v);
                default -> out.set(e.getKey(), v);
            }
        }
        if (!out.hasNonNull("datasets")) {
            // Sweep paths such as datasets.main.prompts.isl need an entry to land in.
            out.set("datasets", NODES.arrayNode().add(NODES.objectNode().put("name", DEFAULT_DATASET_NAME)));
        }
        JsonNode datasets = out.get("datasets");
        if (datasets.isArray()) {
            if (datasets.size() > 1) {
                String p = prefix + "datasets";
                throw new ConfigException(p, sl.lineOf(p), "multiple datasets per config are not supported;"
                        + " run separate sweeps (one per dataset) and compare their aggregates");
            }
            if (datasets.size() == 1 && datasets.get(0).isObject() && !datasets.get(0).hasNonNull("name")) {
                ((ArrayNode) datasets).set(0, named(DEFAULT_DATASET_NAME, (ObjectNode) datasets.get(0)));
            }
        }
        if (!out.hasNonNull("phases")) {
            out.set("phases", NODES.arrayNode().add(NODES.objectNode().put("name", DEFAULT_PHASE_NAME)));
        } else if (out.get("phases").isArray()) {
            ArrayNode phases = (ArrayNode) out.get("phases");
            for (int i = 0; i < phases.size(); i++) {
                if (phases.get(i).isObject() && !phases.get(i).hasNonNull("name")) {
                    ObjectNode ph = (ObjectNode) phases.get(i);
                    boolean warmup = ph.path("exclude_from_results").asBoolean(false);
                    phases.set(i, named(warmup ? "warmup" : DEFAULT_PHASE_NAME, ph));
                }
            }
        }
        return out;
    }

    private static ObjectNode named(String name, ObjectNode entry) {
        ObjectNode n = NODES.objectNode().put("name", name);
        n.setAll(entry);
        return n;
    }
}
