package dev.aiperf.engine.config;

import java.util.Arrays;
import java.util.Locale;

/** Where a dataset's conversations come from: generated, or one of AIPerf's custom dataset file formats. */
public enum DatasetType {
    /** Prompts cut from the bundled corpus with exact token counts; {@code turns} makes conversations. */
    SYNTHETIC("synthetic"),
    /** JSONL, one request per line: {@code text} or {@code texts}, optional {@code timestamp}/{@code delay}, {@code output_length}. */
    SINGLE_TURN("single_turn"),
    /** JSONL, one conversation per line: {@code session_id}, {@code turns: [{text, delay, output_length}, ...]}. */
    MULTI_TURN("multi_turn"),
    /** JSONL trace: {@code timestamp} (ms), {@code input_length} or {@code input_text}, {@code output_length}, {@code hash_ids}. */
    MOONCAKE_TRACE("mooncake_trace"),
    /** JSONL prompts drawn at random (with the run's seed) from the file. */
    RANDOM_POOL("random_pool"),
    /** ShareGPT JSON: an array of {@code {conversations: [{from, value}, ...]}}. */
    SHAREGPT("sharegpt");

    private final String yamlName;

    DatasetType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** True for the types read from {@code path}. */
    public boolean fromFile() {
        return this != SYNTHETIC;
    }

    /** The type named {@code name} (case-insensitive, '-' accepted for '_'), or {@code null}. */
    public static DatasetType fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(n)).findFirst().orElse(null);
    }

    /** The accepted names, for error messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(DatasetType::yamlName).toList());
    }
}
