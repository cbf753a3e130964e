package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.ClosestKey;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.EndpointType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Dataset files in AIPerf's formats ({@code --input-file} with {@code --custom-dataset-type}): validated in one
 * streaming pass ({@link #scan}) and read as {@link ConversationSource}s ({@link #open}). Files are streamed, never
 * loaded whole. Every problem with the user's file is a {@link ConfigException} of the form
 * {@code FILE:LINE: FIELD: what is wrong and the fix}; docs/DATASET.md describes the formats.
 */
public final class DatasetFiles {

    private DatasetFiles() {
    }

    /**
     * Validates every entry of the config's file in one streaming pass and says what it holds.
     *
     * @throws ConfigException when the type is not a file type, the file is missing, unreadable or empty, or an entry
     *                         is invalid (the first one, by file, line and field)
     */
    public static DatasetFileSummary scan(DatasetConfig config) {
        return FileScan.run(file(config), false).summary();
    }

    /**
     * The config's file as a source of conversations, read and tokenized ahead on a daemon thread
     * ({@link PrefetchingSource}). The file is scanned first ({@link #scan}), so an invalid entry fails here, before
     * anything is sent; the returned source's {@code summary()} is that scan.
     *
     * @param replayOnce true to send the file's entries once, in file order, and end ({@code next()} returns null;
     *                   fixed-schedule replay); false to start again from the top at the end of the file, for as long
     *                   as the phase sends. {@code random_pool} draws forever and cannot be replayed once.
     * @param seed       seeds everything drawn: random_pool's draws, OSLs for entries without an output length, trace
     *                   text; the same seed, file and tokenizer give the same conversations
     */
    public static PrefetchingSource open(DatasetConfig config, Tokenizer tokenizer, EndpointType endpointType,
            long seed, boolean replayOnce) {
        return open(config, tokenizer, endpointType, seed, replayOnce, PrefetchingSource.DEFAULT_CAPACITY);
    }

    /** As {@link #open(DatasetConfig, Tokenizer, EndpointType, long, boolean)}, reading ahead {@code capacity}. */
    public static PrefetchingSource open(DatasetConfig config, Tokenizer tokenizer, EndpointType endpointType,
            long seed, boolean replayOnce, int capacity) {
        DatasetFile file = file(config);
        boolean pool = file.type() == DatasetType.RANDOM_POOL;
        if (pool && replayOnce) {
            throw new ConfigException("benchmark.dataset.type", "random_pool draws prompts at random for as long as"
                    + " the phase sends and has no order to replay on a fixed schedule; use single_turn for a file"
                    + " sent once in order");
        }
        FileScan.Result scan = FileScan.run(file, pool);
        FilePrompts prompts = new FilePrompts(config, tokenizer, endpointType, seed);
        ConversationSource reader = pool
                ? new RandomPoolSource(file, prompts, scan.offsets(), scan.lines(), seed)
                : new StreamedFileSource(file, prompts, replayOnce);
        boolean timed = !pool && scan.summary().allTimed();
        return new PrefetchingSource(reader, scan.summary(), timed, capacity);
    }

    /**
     * The file's conversations in file order, without the validating scan: for listing the first entries of a file
     * that a run has already opened (and so validated) with {@link #open}. A random pool is listed in file order.
     */
    public static ConversationSource preview(DatasetConfig config, Tokenizer tokenizer, EndpointType endpointType,
            long seed) {
        return new StreamedFileSource(file(config), new FilePrompts(config, tokenizer, endpointType, seed), true);
    }

    /**
     * The dataset type called {@code name} ({@code --custom-dataset-type}, YAML {@code type}), case-insensitive,
     * '-' accepted for '_'.
     *
     * @throws ConfigException naming the closest valid type, or listing them
     */
    public static DatasetType type(String name) {
        DatasetType t = name == null ? null : DatasetType.fromName(name);
        if (t == null) {
            throw new ConfigException("benchmark.dataset.type", "unknown dataset type '" + name
                    + "' (--custom-dataset-type)" + ClosestKey.hintValue(String.valueOf(name), Arrays.stream(DatasetType.values())
                    .map(DatasetType::yamlName).toList()));
        }
        return t;
    }

    /** What a file of {@code type} looks like, for messages about empty or mistaken files. */
    static String expectedLayout(DatasetType type) {
        return switch (type) {
            case SINGLE_TURN, RANDOM_POOL -> "a " + type.yamlName() + " file has one JSON object per line, e.g."
                    + " {\"text\": \"What is the capital of France?\", \"output_length\": 20}";
            case MULTI_TURN -> "a multi_turn file has one conversation per line, e.g."
                    + " {\"session_id\": \"s1\", \"turns\": [{\"text\": \"Hi\"}, {\"text\": \"More\", \"delay\": 1000}]}";
            case MOONCAKE_TRACE -> "a mooncake_trace file has one request per line, e.g."
                    + " {\"timestamp\": 0, \"input_length\": 655, \"output_length\": 52, \"hash_ids\": [46, 47]}";
            case SHAREGPT -> "a ShareGPT file is a JSON array of {\"conversations\": [{\"from\": \"human\", \"value\": \"...\"}]}";
            case SYNTHETIC -> "synthetic datasets have no file";
        };
    }

    /** The config's file, checked to exist and be a readable regular file. */
    private static DatasetFile file(DatasetConfig config) {
        DatasetType type = config.type();
        if (type == null || !type.fromFile()) {
            throw new ConfigException("benchmark.dataset.type", "'" + (type == null ? "null" : type.yamlName())
                    + "' datasets are not read from a file; give a file type (--custom-dataset-type): "
                    + Arrays.stream(DatasetType.values()).filter(DatasetType::fromFile).map(DatasetType::yamlName)
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        Path path = config.path();
        if (path == null) {
            throw new ConfigException("benchmark.dataset.path", "a " + type.yamlName()
                    + " dataset needs its file: --input-file PATH (YAML: path)");
        }
        DatasetFile file = new DatasetFile(path, type);
        if (!Files.exists(path)) {
            throw file.error("no such file; check --input-file (YAML: benchmark.dataset.path)");
        }
        if (Files.isDirectory(path)) {
            throw file.error("is a directory; give the dataset file itself");
        }
        if (!Files.isReadable(path)) {
            throw file.error("cannot be read (permission denied)");
        }
        return file;
    }
}
