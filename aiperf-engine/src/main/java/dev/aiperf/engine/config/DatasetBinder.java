package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_DATASET_NAME;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_ENTRIES;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_ISL;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_TOKENIZER;
import static dev.aiperf.engine.config.BenchmarkBinder.SAFE_NAME;

/**
 * Binds the benchmark's one dataset ({@code datasets[0]} of the canonical tree) and the tokenizer that sizes its
 * prompts: synthetic prompts whose input and output lengths follow the {@code prompts.isl} and {@code prompts.osl}
 * distributions.
 */
final class DatasetBinder {
    static final Set<String> KEYS = Set.of("name", "type", "entries", "prompts", "turns", "tokenizer");

    private DatasetBinder() {
    }

    /** The dataset with the benchmark-level tokenizer as fallback; {@code null} when it cannot be bound (recorded). */
    static DatasetConfig bind(Fields root, Problems problems) {
        String tokenizer = DEFAULT_TOKENIZER;
        if (root.has("tokenizer")) {
            JsonNode t = root.get("tokenizer");
            if (t.isObject() && t.hasNonNull("name") && t.size() == 1) {
                tokenizer = t.get("name").asText();
            } else if (t.isValueNode()) {
                tokenizer = t.asText();
            } else {
                problems.add(root.pathOf("tokenizer"), "expected a tokenizer name (e.g. cl100k_base), a path to a"
                        + " tokenizer.json, or {name: ...}; got " + Fields.describe(t));
            }
        }
        JsonNode list = root.get("datasets");
        String listPath = root.pathOf("datasets");
        if (list == null) {
            return DatasetConfig.synthetic(DEFAULT_DATASET_NAME, DEFAULT_ENTRIES, new Distribution.Fixed(DEFAULT_ISL), null,
                    tokenizer);
        }
        if (!list.isArray() || list.size() != 1) {
            problems.add(listPath, "expected one dataset (a mapping under 'dataset:'); got " + Fields.describe(list));
            return null;
        }
        Fields f = Fields.of(list.get(0), listPath + "[0]", problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(KEYS);
        String name = f.string("name");
        if (name != null && !SAFE_NAME.matcher(name).matches()) {
            problems.add(f.pathOf("name"), "dataset names may use letters, digits, '_' and '-' only; got '" + name + "'");
        }
        String type = f.string("type");
        if (type != null && !type.equals("synthetic")) {
            problems.add(f.pathOf("type"), "only 'synthetic' datasets are supported; got '" + type + "'");
        }
        Integer entries = f.integer("entries", 1);
        Distribution isl = new Distribution.Fixed(DEFAULT_ISL);
        Distribution osl = null;
        Fields prompts = f.has("prompts") ? Fields.of(f.get("prompts"), f.pathOf("prompts"), problems) : null;
        if (prompts != null) {
            prompts.allowOnly(Set.of("isl", "osl"));
            if (prompts.has("isl")) {
                isl = DistributionBinder.bind(prompts.get("isl"), prompts.pathOf("isl"), problems, 1);
            }
            if (prompts.has("osl")) {
                osl = DistributionBinder.bind(prompts.get("osl"), prompts.pathOf("osl"), problems, 1);
            }
        }
        Distribution turns = f.has("turns") ? DistributionBinder.bind(f.get("turns"), f.pathOf("turns"), problems, 1) : null;
        String dsTokenizer = f.string("tokenizer");
        return new DatasetConfig(name == null ? DEFAULT_DATASET_NAME : name, DatasetType.SYNTHETIC,
                entries == null ? DEFAULT_ENTRIES : entries, isl, osl, turns, null,
                dsTokenizer != null ? dsTokenizer : tokenizer, null);
    }
}
