package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_DATASET_NAME;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_ENTRIES;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_ISL;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_TOKENIZER;
import static dev.aiperf.engine.config.BenchmarkBinder.SAFE_NAME;

/**
 * Binds the benchmark's one dataset ({@code datasets[0]} of the canonical tree) and the tokenizer that sizes its
 * prompts: synthetic conversations (lengths from {@code prompts.isl}/{@code prompts.osl}, turns from {@code turns},
 * think time from {@code turn_delay}), or one of AIPerf's dataset files ({@code type} and {@code path}).
 *
 * <p>A file's first record is read here ({@link DatasetFilePeek}): it names the type when {@code type} is not given,
 * and tells the phase binder whether the file is a timestamped trace (AIPerf's automatic fixed schedule).
 */
final class DatasetBinder {
    static final Set<String> KEYS = Set.of("name", "type", "entries", "prompts", "turns", "turn_delay", "tokenizer",
            "path");

    /** A bound dataset and whether its file's first record carries a timestamp. */
    record Bound(DatasetConfig dataset, boolean timestamped) {
    }

    private DatasetBinder() {
    }

    /** The dataset with the benchmark-level tokenizer as fallback; {@code null} when it cannot be bound (recorded). */
    static Bound bind(Fields root, Problems problems) {
        String tokenizer = tokenizer(root, problems);
        JsonNode list = root.get("datasets");
        String listPath = root.pathOf("datasets");
        if (list == null) {
            return new Bound(DatasetConfig.synthetic(DEFAULT_DATASET_NAME, DEFAULT_ENTRIES,
                    new Distribution.Fixed(DEFAULT_ISL), null, tokenizer), false);
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
        DatasetType type = type(f, problems);
        Path path = null;
        DatasetFilePeek peek = null;
        if (f.has("path")) {
            path = existingFile(f, problems);
            peek = path == null ? null : peek(f, path, problems);
            if (peek != null && type == null) {
                type = inferType(f, path, peek, problems);
            }
        } else if (type != null && type.fromFile()) {
            problems.add(f.pathOf("type"), "a " + type.yamlName() + " dataset is read from a file; set path: FILE"
                    + " (--input-file FILE)");
        }
        if (type == null) {
            type = f.has("type") || f.has("path") ? null : DatasetType.SYNTHETIC;
        }
        if (type == DatasetType.SYNTHETIC && f.has("path")) {
            problems.add(f.pathOf("path"), "a synthetic dataset is generated, not read; remove path, or set type to"
                    + " the file's format (" + fileTypes() + ")");
        }
        if (type != null && type.fromFile()) {
            refuseSyntheticOnly(f, type, problems);
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
        Distribution turns = f.has("turns") ? DistributionBinder.bind(f.get("turns"), f.pathOf("turns"), problems, 1)
                : null;
        Distribution turnDelay = f.has("turn_delay")
                ? DistributionBinder.bind(f.get("turn_delay"), f.pathOf("turn_delay"), problems, 0) : null;
        String dsTokenizer = f.string("tokenizer");
        if (type == null) {
            return null; // recorded above
        }
        DatasetConfig dataset = new DatasetConfig(name == null ? DEFAULT_DATASET_NAME : name, type,
                entries == null ? DEFAULT_ENTRIES : entries, isl, osl, turns, turnDelay,
                dsTokenizer != null ? dsTokenizer : tokenizer, path);
        return new Bound(dataset, peek != null && peek.hasTimestamp());
    }

    private static String tokenizer(Fields root, Problems problems) {
        if (!root.has("tokenizer")) {
            return DEFAULT_TOKENIZER;
        }
        JsonNode t = root.get("tokenizer");
        if (t.isObject() && t.hasNonNull("name") && t.size() == 1) {
            return t.get("name").asText();
        }
        if (t.isValueNode()) {
            return t.asText();
        }
        problems.add(root.pathOf("tokenizer"), "expected a tokenizer name (e.g. cl100k_base), a path to a"
                + " tokenizer.json, or {name: ...}; got " + Fields.describe(t));
        return DEFAULT_TOKENIZER;
    }

    /** The written type; {@code null} when absent or unknown (recorded, with the accepted names). */
    private static DatasetType type(Fields f, Problems problems) {
        String typeName = f.string("type");
        if (typeName == null) {
            return null;
        }
        DatasetType type = DatasetType.fromName(typeName);
        if (type == null) {
            List<String> names = Arrays.stream(DatasetType.values()).map(DatasetType::yamlName).toList();
            String close = ClosestKey.of(typeName, names);
            problems.add(f.pathOf("type"), "unknown dataset type '" + typeName + "'; accepted: " + DatasetType.names()
                    + (close == null ? "" : "; did you mean '" + close + "'?"));
        }
        return type;
    }

    /**
     * The file at {@code path}, made absolute. Relative paths have already been rewritten against the config file's
     * directory ({@link DatasetPaths}); what is still relative is relative to the working directory.
     */
    private static Path existingFile(Fields f, Problems problems) {
        String text = f.string("path");
        if (text == null || text.isBlank()) {
            problems.add(f.pathOf("path"), "expected the path of a dataset file; got " + Fields.describe(f.get("path")));
            return null;
        }
        Path p;
        try {
            p = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(f.pathOf("path"), "'" + text + "' is not a valid path: " + e.getReason());
            return null;
        }
        if (Files.isDirectory(p)) {
            problems.add(f.pathOf("path"), p + " is a directory; name the dataset file itself");
            return null;
        }
        if (!Files.isRegularFile(p)) {
            problems.add(f.pathOf("path"), "the dataset file " + p + " does not exist; relative paths are resolved"
                    + " against the config file's directory (or the working directory for --input-file)");
            return null;
        }
        return p;
    }

    private static DatasetFilePeek peek(Fields f, Path file, Problems problems) {
        try {
            return DatasetFilePeek.of(file);
        } catch (DatasetFilePeek.Unreadable e) {
            problems.add(f.pathOf("path"), file + " " + e.getMessage());
            return null;
        }
    }

    /** AIPerf recognises a file's format from its first record when the type is not given; so does this. */
    private static DatasetType inferType(Fields f, Path file, DatasetFilePeek peek, Problems problems) {
        DatasetType inferred = peek.inferredType();
        if (inferred == null) {
            String keys = peek.first() == null ? "the file has no records"
                    : peek.first().isObject() ? "its first record has the keys " + keyList(peek.first())
                    : "its first record is " + Fields.describe(peek.first());
            problems.add(f.pathOf("path"), "cannot tell the format of " + file + " (" + keys + "); set type to one"
                    + " of " + fileTypes() + " (--custom-dataset-type)");
        }
        return inferred;
    }

    /** Keys that only shape generated conversations; a file brings its own turns and timing. */
    private static void refuseSyntheticOnly(Fields f, DatasetType type, Problems problems) {
        for (String key : List.of("turns", "turn_delay")) {
            if (f.has(key)) {
                problems.add(f.pathOf(key), key + " shapes synthetic conversations; a " + type.yamlName()
                        + " file gives its own turns and delays, so remove " + key);
            }
        }
        if (f.has("entries") && type != DatasetType.RANDOM_POOL) {
            problems.add(f.pathOf("entries"), "entries sizes synthetic and random_pool datasets; a "
                    + type.yamlName() + " file is replayed as written, so remove entries");
        }
    }

    private static String fileTypes() {
        return String.join(", ", Arrays.stream(DatasetType.values()).filter(DatasetType::fromFile)
                .map(DatasetType::yamlName).toList());
    }

    private static String keyList(JsonNode object) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys.toString();
    }
}
