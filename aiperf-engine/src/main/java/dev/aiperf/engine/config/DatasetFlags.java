package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;

import java.util.List;

import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_DATASET_NAME;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_ISL;

/**
 * The dataset flags: the file ({@code --input-file}, {@code --custom-dataset-type}) and the distribution flags
 * ({@code --isl}, {@code --isl-stddev}, {@code --osl}, {@code --osl-stddev}, {@code --conversation-turn-mean},
 * {@code --conversation-turn-stddev}, {@code --conversation-turn-delay-mean}, {@code --conversation-turn-delay-stddev}),
 * each setting one field of a distribution of the one dataset. A comma list on {@code --isl}, {@code --isl-stddev},
 * {@code --osl}, {@code --osl-stddev} or {@code --conversation-turn-mean} is a magic list, as in AIPerf.
 */
final class DatasetFlags {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DatasetFlags() {
    }

    /** Sets the distribution flags given in {@code o} into the dataset entry, creating it when none is written. */
    static void apply(ProfileOptions o, ObjectNode body, MagicListSweep lists) {
        if (o.isl() == null && o.islStddev() == null && o.osl() == null && o.oslStddev() == null
                && o.conversationTurnMean() == null && o.conversationTurnStddev() == null
                && o.conversationTurnDelayMean() == null && o.conversationTurnDelayStddev() == null
                && o.inputFile() == null && o.customDatasetType() == null) {
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
        file(o, ds);
        set(ds, "prompts", "isl", "mean", "--isl", counts("--isl", o.isl()), DEFAULT_ISL, prefix, lists);
        set(ds, "prompts", "isl", "stddev", "--isl-stddev", counts("--isl-stddev", o.islStddev()), DEFAULT_ISL, prefix,
                lists);
        if (o.oslStddev() != null && o.osl() == null && !hasMean(ds.path("prompts").path("osl"))) {
            throw new ConfigException("--osl-stddev", "needs an output length mean; add --osl N");
        }
        set(ds, "prompts", "osl", "mean", "--osl", counts("--osl", o.osl()), DEFAULT_ISL, prefix, lists);
        set(ds, "prompts", "osl", "stddev", "--osl-stddev", counts("--osl-stddev", o.oslStddev()), DEFAULT_ISL, prefix,
                lists);
        // AIPerf's defaults: one turn per conversation, no think time between turns.
        String turnMean = "--conversation-turn-mean";
        set(ds, null, "turns", "mean", turnMean, counts(turnMean, o.conversationTurnMean()), 1, prefix, lists);
        String turnSd = "--conversation-turn-stddev";
        set(ds, null, "turns", "stddev", turnSd, single(turnSd, o.conversationTurnStddev()), 1, prefix, lists);
        String delayMean = "--conversation-turn-delay-mean";
        set(ds, null, "turn_delay", "mean", delayMean, single(delayMean, o.conversationTurnDelayMean()), 0, prefix,
                lists);
        String delaySd = "--conversation-turn-delay-stddev";
        set(ds, null, "turn_delay", "stddev", delaySd, single(delaySd, o.conversationTurnDelayStddev()), 0, prefix,
                lists);
    }

    /**
     * {@code --input-file} sets the dataset's path, as written: relative to the working directory, like any command
     * line path. A YAML {@code type: synthetic} gives way to it (the file's first record then names its format
     * unless {@code --custom-dataset-type} does).
     */
    private static void file(ProfileOptions o, ObjectNode ds) {
        if (o.inputFile() != null) {
            ds.put("path", o.inputFile().toString());
            if (o.customDatasetType() == null && "synthetic".equals(ds.path("type").asText())) {
                ds.remove("type");
            }
        }
        if (o.customDatasetType() != null) {
            ds.put("type", o.customDatasetType().trim());
        }
    }

    /** A count flag's values (a comma list allowed); {@code null} when not given. Stddevs may be 0. */
    private static List<JsonNode> counts(String flag, String value) {
        if (value == null) {
            return null;
        }
        return FlagValues.list(flag, value, flag.endsWith("-stddev") ? FlagValues.Kind.NON_NEGATIVE_COUNT
                : FlagValues.Kind.COUNT);
    }

    /** A single-valued typed flag as a one-value list; {@code null} when not given. */
    private static List<JsonNode> single(String flag, Number value) {
        if (value == null) {
            return null;
        }
        if (!(value.doubleValue() >= 0) || !Double.isFinite(value.doubleValue())) {
            throw new ConfigException(flag, "must be a number >= 0; got " + value);
        }
        return List.of(value instanceof Integer i ? IntNode.valueOf(i) : DoubleNode.valueOf(value.doubleValue()));
    }

    private static boolean hasMean(JsonNode dist) {
        return dist.isNumber() || dist.has("mean") || dist.has("value");
    }

    /**
     * Sets {@code <group>.<name>.<field>} of the dataset entry to the first of {@code values} (the others sweep),
     * turning a scalar or {@code {value}} distribution into {@code {mean, stddev}} form; a setting that needs a mean
     * and has none gets {@code defaultMean}.
     */
    private static void set(ObjectNode ds, String group, String name, String field, String flag,
                            List<JsonNode> values, double defaultMean, String prefix, MagicListSweep lists) {
        if (values == null) {
            return;
        }
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
            dist.put("mean", defaultMean == Math.rint(defaultMean) ? NODES.numberNode((int) defaultMean)
                    : NODES.numberNode(defaultMean));
        }
        if (field.equals("stddev") && dist.has("type") && dist.get("type").asText().equals("fixed")) {
            dist.put("type", "normal");
        }
        String path = prefix + (group == null ? "" : group + ".") + name + "." + field;
        lists.add(path, flag, values);
    }
}
