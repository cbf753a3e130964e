package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;

import java.util.List;

import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_DATASET_NAME;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_ISL;

/**
 * The dataset distribution flags ({@code --isl}, {@code --isl-stddev}, {@code --osl}, {@code --osl-stddev},
 * {@code --conversation-turn-mean}): each sets one field of a length distribution of the one dataset, and a comma
 * list on any of them is a magic list.
 */
final class DatasetFlags {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DatasetFlags() {
    }

    /** Sets the distribution flags given in {@code o} into the dataset entry, creating it when none is written. */
    static void apply(ProfileOptions o, ObjectNode body, MagicListSweep lists) {
        if (o.isl() == null && o.islStddev() == null && o.osl() == null && o.oslStddev() == null
                && o.conversationTurnMean() == null) {
            return;
        }
        JsonNode datasets = body.get("datasets");
        if (datasets == null || (datasets.isArray() && datasets.isEmpty())) {
            datasets = body.putArray("datasets").add(NODES.objectNode().put("name", DEFAULT_DATASET_NAME));
        }
        if (!datasets.isArray() || !datasets.get(0).isObject()) {
            return; // reported by the binder
        }
        ObjectNode ds = (ObjectNode) datasets.get(0);
        String prefix = "datasets." + ds.path("name").asText(DEFAULT_DATASET_NAME) + ".";
        distributionValue(ds, "prompts", "isl", "mean", "--isl", o.isl(), prefix, lists);
        distributionValue(ds, "prompts", "isl", "stddev", "--isl-stddev", o.islStddev(), prefix, lists);
        if (o.oslStddev() != null && o.osl() == null && !hasMean(ds.path("prompts").path("osl"))) {
            throw new ConfigException("--osl-stddev", "needs an output length mean; add --osl N");
        }
        distributionValue(ds, "prompts", "osl", "mean", "--osl", o.osl(), prefix, lists);
        distributionValue(ds, "prompts", "osl", "stddev", "--osl-stddev", o.oslStddev(), prefix, lists);
        distributionValue(ds, null, "turns", "mean", "--conversation-turn-mean", o.conversationTurnMean(), prefix,
                lists);
    }

    private static boolean hasMean(JsonNode dist) {
        return dist.isNumber() || dist.has("mean") || dist.has("value");
    }

    /**
     * Sets {@code <group>.<name>.<field>} of the dataset entry, turning a scalar or {@code {value}} distribution
     * into {@code {mean, stddev}} form; a setting that needs a mean and has none gets ISL's default 550.
     */
    private static void distributionValue(ObjectNode ds, String group, String name, String field, String flag,
                                          String value, String prefix, MagicListSweep lists) {
        if (value == null) {
            return;
        }
        List<JsonNode> values = FlagValues.list(flag, value,
                field.equals("stddev") ? FlagValues.Kind.NON_NEGATIVE_COUNT : FlagValues.Kind.COUNT);
        ObjectNode parent = group == null ? ds : FlagOverrides.mapping(ds, group);
        JsonNode current = parent.get(name);
        ObjectNode dist;
        if (current instanceof ObjectNode obj && !obj.has("points") && !obj.has("peaks")) {
            dist = obj;
            if (dist.has("value")) {
                dist.set("mean", dist.remove("value"));
            }
        } else {
            dist = NODES.objectNode();
            if (current != null && current.isNumber()) {
                dist.set("mean", current);
            }
            parent.set(name, dist);
        }
        dist.set(field, values.get(0));
        if (!dist.has("mean")) {
            dist.put("mean", (int) DEFAULT_ISL);
        }
        if (field.equals("stddev") && dist.has("type") && dist.get("type").asText().equals("fixed")) {
            dist.put("type", "normal");
        }
        String path = prefix + (group == null ? "" : group + ".") + name + "." + field;
        lists.add(path, flag, values);
    }
}
