package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.EndpointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.aiperf.engine.dataset.DatasetFilesTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of bad input is a ConfigException naming file, line and field, with the fix. */
class DatasetFileErrorsTest {

    @TempDir
    Path dir;

    /** The message of scanning a file of {@code type} holding {@code content}, with the file's path cut to "F". */
    private String error(DatasetType type, String content) throws IOException {
        Path p = Files.writeString(dir.resolve("F"), content);
        DatasetConfig cfg = config(type, p, null);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> DatasetFiles.scan(cfg));
        assertThat(t).isInstanceOf(ConfigException.class);
        return t.getMessage().replace(p.toString(), "F");
    }

    private String trace(String... lines) throws IOException {
        return error(DatasetType.MOONCAKE_TRACE, String.join("\n", lines) + "\n");
    }

    private static final String OK = "{\"timestamp\": 0, \"input_length\": 10}";

    @Test
    void aTimestampThatIsNotANumberNamesFileLineAndField() throws IOException {
        assertThat(trace(OK, "", OK, "{\"timestamp\": \"abc\", \"input_length\": 10}"))
                .isEqualTo("F:4: timestamp: expected a number of milliseconds; got \"abc\"");
        assertThat(trace("{\"timestamp\": -5, \"input_length\": 10}"))
                .isEqualTo("F:1: timestamp: must be a number of milliseconds >= 0; got -5");
    }

    @Test
    void aMalformedLineGivesJacksonsReasonShortenedWithTheColumn() throws IOException {
        String m = trace(OK, "{\"timestamp\": 0, input_length: 10}");
        assertThat(m).startsWith("F:2: malformed JSON: Unexpected character ('i' (code 105))")
                .contains("(column 18)")
                .endsWith("; each line must be one JSON object, e.g. {\"timestamp\": 0, \"input_length\": 655,"
                        + " \"output_length\": 52, \"hash_ids\": [46, 47]}")
                .doesNotContain("Source:").doesNotContain("\n");
        assertThat(trace(OK, "{\"timestamp\": 0,")).startsWith("F:2: malformed JSON: Unexpected end-of-input");
        assertThat(trace(OK + " " + OK)).startsWith("F:1: malformed JSON: Trailing token (of type START_OBJECT)");
    }

    @Test
    void missingInputIsNamed() throws IOException {
        assertThat(trace("{\"timestamp\": 0, \"output_length\": 4}")).isEqualTo("F:1: input_length: missing:"
                + " give the request's input as \"input_length\": <tokens> (optionally with \"hash_ids\") or as"
                + " \"text_input\": \"...\"");
        assertThat(error(DatasetType.SINGLE_TURN, "{\"text\": \"ok\"}\n{\"output_length\": 4}\n"))
                .isEqualTo("F:2: text: missing: give the prompt as \"text\": \"...\" or \"texts\": [\"...\", ...]");
    }

    @Test
    void emptyTurnsAreRefused() throws IOException {
        assertThat(error(DatasetType.MULTI_TURN, "{\"session_id\": \"a\", \"turns\": []}\n"))
                .isEqualTo("F:1: turns: is empty; a conversation needs at least one turn, e.g. [{\"text\": \"Hi\"}]");
        assertThat(error(DatasetType.MULTI_TURN, "{\"session_id\": \"a\"}\n")).startsWith("F:1: turns: missing:");
        assertThat(error(DatasetType.MULTI_TURN, "{\"turns\": [{\"text\": \"a\"}, {\"text\": \"b\", \"delay\": -1}]}\n"))
                .isEqualTo("F:1: turns[1].delay: must be a number of milliseconds >= 0; got -1");
    }

    @Test
    void negativeOrFractionalLengthsAreRefused() throws IOException {
        assertThat(trace("{\"timestamp\": 0, \"input_length\": 10, \"output_length\": -3}"))
                .isEqualTo("F:1: output_length: must be a number of tokens >= 1; got -3");
        assertThat(trace("{\"timestamp\": 0, \"input_length\": 10.5}"))
                .isEqualTo("F:1: input_length: expected a whole number of tokens; got 10.5");
        assertThat(error(DatasetType.SINGLE_TURN, "{\"text\": \"a\", \"delay\": -1}\n"))
                .isEqualTo("F:1: delay: must be a number of milliseconds >= 0; got -1");
    }

    @Test
    void unknownAndUnsupportedFieldsAreNamed() throws IOException {
        assertThat(trace("{\"timestamp\": 0, \"imput_length\": 10}"))
                .isEqualTo("F:1: imput_length: unknown field for mooncake_trace; did you mean 'input_length'?");
        assertThat(error(DatasetType.SINGLE_TURN, "{\"text\": \"a\", \"image\": \"x.png\"}\n"))
                .isEqualTo("F:1: image: not supported: aiperf-java sends text prompts only; remove the field");
        assertThat(error(DatasetType.SINGLE_TURN, "{\"text\": \"a\", \"zzz\": 1}\n"))
                .isEqualTo("F:1: zzz: unknown field for single_turn; valid fields: text, texts, timestamp, delay,"
                        + " output_length, session_id");
        assertThat(error(DatasetType.SINGLE_TURN, "{\"text\": 5}\n")).isEqualTo("F:1: text: expected a string; got 5");
    }

    @Test
    void conflictingFieldsAreRefused() throws IOException {
        assertThat(error(DatasetType.SINGLE_TURN, "{\"text\": \"a\", \"texts\": [\"b\"]}\n"))
                .isEqualTo("F:1: texts: text and texts cannot be set together; keep one");
        assertThat(error(DatasetType.SINGLE_TURN, "{\"text\": \"a\", \"timestamp\": 1, \"delay\": 2}\n"))
                .startsWith("F:1: delay: timestamp and delay cannot be set together");
        assertThat(trace("{\"timestamp\": 0, \"text_input\": \"a\", \"hash_ids\": [1]}"))
                .startsWith("F:1: hash_ids: only allowed with input_length");
        assertThat(trace("{\"timestamp\": 0, \"input_length\": 2000, \"hash_ids\": [1, 2, 3]}"))
                .isEqualTo("F:1: input_length: 3 hash_ids are blocks of 512 tokens, the last one partial, so"
                        + " input_length must be 1,025 to 1,536; got 2,000");
        assertThat(trace("{\"timestamp\": 0, \"input_length\": 20, \"hash_ids\": [1, \"x\"]}"))
                .isEqualTo("F:1: hash_ids[1]: expected a whole number >= 0; got \"x\"");
    }

    @Test
    void aLineThatIsNotAnObjectSaysWhatFormatItMightBe() throws IOException {
        assertThat(error(DatasetType.SINGLE_TURN, "[{\"text\": \"a\"}]\n")).isEqualTo("F:1: expected a JSON object,"
                + " e.g. {\"text\": \"What is the capital of France?\", \"output_length\": 20}; got a list"
                + " (a JSON array is the ShareGPT layout: --custom-dataset-type sharegpt)");
    }

    @Test
    void shareGptErrorsNameTheElementAndMessage() throws IOException {
        assertThat(error(DatasetType.SHAREGPT, "[\n {\"conversations\": [{\"from\": \"human\", \"value\": \"a\"}]},\n"
                + " {\"conversations\": [{\"from\": \"robot\", \"value\": \"a\"}]}\n]"))
                .isEqualTo("F:3: [1].conversations[0].from: unknown speaker \"robot\"; expected human (or user),"
                        + " gpt (or assistant, chatgpt, bing, bard, model) or system");
        assertThat(error(DatasetType.SHAREGPT, "{\"conversations\": []}"))
                .startsWith("F:1: expected a JSON array of conversations (the ShareGPT layout); got an object");
        assertThat(error(DatasetType.SHAREGPT, "[\n{\"conversations\": [}\n]")).startsWith("F:2: malformed JSON:");
        assertThat(error(DatasetType.SHAREGPT, "[{\"conversations\": [{\"from\": \"gpt\", \"value\": \"a\"}]}]"))
                .isEqualTo("F: has no conversation with a human message (1 skipped); nothing to send");
    }

    @Test
    void missingEmptyOrMisconfiguredFilesAreNamed() throws IOException {
        assertThat(error(DatasetType.SINGLE_TURN, "\n  \n")).isEqualTo("F: has no entries; a single_turn file has"
                + " one JSON object per line, e.g. {\"text\": \"What is the capital of France?\", \"output_length\": 20}");
        assertThat(error(DatasetType.SHAREGPT, "")).startsWith("F: is empty; a ShareGPT file is a JSON array");

        Path missing = dir.resolve("nope.jsonl");
        assertThatThrownBy(() -> DatasetFiles.scan(config(DatasetType.SINGLE_TURN, missing, null)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file; check --input-file (YAML: benchmark.dataset.path)");
        assertThatThrownBy(() -> DatasetFiles.scan(config(DatasetType.SINGLE_TURN, dir, null)))
                .hasMessage(dir + ": is a directory; give the dataset file itself");
        assertThatThrownBy(() -> DatasetFiles.scan(config(DatasetType.MULTI_TURN, null, null)))
                .hasMessage("benchmark.dataset.path: a multi_turn dataset needs its file: --input-file PATH (YAML: path)");
        assertThatThrownBy(() -> DatasetFiles.scan(config(DatasetType.SYNTHETIC, missing, null)))
                .hasMessage("benchmark.dataset.type: 'synthetic' datasets are not read from a file; give a file type"
                        + " (--custom-dataset-type): single_turn, multi_turn, mooncake_trace, random_pool, sharegpt");
        assertThat(DatasetFiles.type("mooncake-trace")).isEqualTo(DatasetType.MOONCAKE_TRACE);
        assertThat(DatasetFiles.type("Mooncake-Trace")).isEqualTo(DatasetType.MOONCAKE_TRACE);
        assertThatThrownBy(() -> DatasetFiles.type("moonkake_trace")).isInstanceOf(ConfigException.class)
                .hasMessage("benchmark.dataset.type: unknown dataset type 'moonkake_trace' (--custom-dataset-type);"
                        + " did you mean 'mooncake_trace'?");
    }

    @Test
    void aFixedScheduleNeedsEveryTimestampAndSaysWhichLineLacksOne() throws IOException {
        Path p = Files.writeString(dir.resolve("trace.jsonl"), "{\"timestamp\": 0, \"input_length\": 10}\n\n"
                + "{\"input_length\": 10}\n{\"input_length\": 10}\n");
        DatasetFileSummary s = DatasetFiles.scan(config(DatasetType.MOONCAKE_TRACE, p, null));
        assertThat(s.allTimed()).isFalse();
        assertThat(s.firstUntimedLine()).isEqualTo(3);
        assertThatThrownBy(s::requireTimed).isInstanceOf(ConfigException.class).hasMessage(p + ":3: timestamp:"
                + " missing: a fixed schedule sends each conversation at its timestamp (ms); give every entry one,"
                + " or drop --fixed-schedule");
    }

    @Test
    void randomPoolCannotBeReplayedOnce() throws IOException {
        Path p = Files.writeString(dir.resolve("pool.jsonl"), "{\"text\": \"a\"}\n");
        assertThatThrownBy(() -> DatasetFiles.open(config(DatasetType.RANDOM_POOL, p, null),
                DatasetFilesTest.TOKENIZER, EndpointType.CHAT, 1, true))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("benchmark.dataset.type: random_pool draws");
    }

    @Test
    void openValidatesTheWholeFileBeforeAnythingIsSent() throws IOException {
        Path p = Files.writeString(dir.resolve("p.jsonl"), "{\"text\": \"a\"}\n".repeat(5000) + "{\"txt\": \"b\"}\n");
        assertThatThrownBy(() -> DatasetFiles.open(config(DatasetType.SINGLE_TURN, p, null),
                DatasetFilesTest.TOKENIZER, EndpointType.CHAT, 1, false))
                .isInstanceOf(ConfigException.class)
                .hasMessage(p + ":5001: txt: unknown field for single_turn; did you mean 'text'?");
    }
}
