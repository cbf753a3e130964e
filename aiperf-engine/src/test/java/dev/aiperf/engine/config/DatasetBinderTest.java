package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The dataset block: its type, its file (found, peeked, its format inferred), and synthetic conversations. */
class DatasetBinderTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    private static BenchmarkConfig bind(String yaml) {
        try {
            return BenchmarkBinder.bind((ObjectNode) YAML.readTree(yaml), YamlSourceLines.scan(yaml), "");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> bind(yaml)).getMessage();
    }

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static String quoted(Path p) {
        return "'" + p + "'";
    }

    @Test
    void syntheticConversationsTakeTurnsAndTurnDelays() {
        DatasetConfig d = bind("""
                dataset:
                  type: synthetic
                  turns: {mean: 3, stddev: 1}
                  turn_delay: {mean: 500, stddev: 100}
                """).dataset();
        assertThat(d.type()).isEqualTo(DatasetType.SYNTHETIC);
        assertThat(d.turns()).isEqualTo(new Distribution.Normal(3, 1));
        assertThat(d.turnDelay()).isEqualTo(new Distribution.Normal(500, 100));
        assertThat(d.multiTurn()).isTrue();
        assertThat(d.path()).isNull();
        assertThat(bind("dataset: {turn_delay: 0}").dataset().turnDelay()).isEqualTo(new Distribution.Fixed(0));
        assertThat(error("dataset: {turn_delay: -5}")).contains("datasets[0].turn_delay (line 1)")
                .contains("must be >= 0; got -5");
    }

    @Test
    void aFileTypeReadsItsPath() throws IOException {
        Path trace = file("trace.jsonl", """
                {"timestamp": 0, "input_length": 100, "output_length": 20, "hash_ids": [1]}
                {"timestamp": 500, "input_length": 200, "output_length": 20, "hash_ids": [1, 2]}
                """);
        DatasetConfig d = bind("dataset: {type: mooncake_trace, path: " + quoted(trace) + "}").dataset();
        assertThat(d.type()).isEqualTo(DatasetType.MOONCAKE_TRACE);
        assertThat(d.path()).isEqualTo(trace.toAbsolutePath().normalize());
        assertThat(d.turns()).isNull();
        assertThat(bind("dataset: {type: mooncake-trace, path: " + quoted(trace) + "}").dataset().type())
                .as("'-' is accepted for '_'").isEqualTo(DatasetType.MOONCAKE_TRACE);
    }

    @Test
    void theFormatIsReadFromTheFirstRecordWhenNotGiven() throws IOException {
        assertThat(bind("dataset: {path: " + quoted(file("t.jsonl", "\n\n{\"timestamp\": 3, \"input_length\": 9}\n"))
                + "}").dataset().type()).isEqualTo(DatasetType.MOONCAKE_TRACE);
        assertThat(bind("dataset: {path: " + quoted(file("s.jsonl", "{\"text\": \"hi\"}\n")) + "}").dataset().type())
                .isEqualTo(DatasetType.SINGLE_TURN);
        assertThat(bind("dataset: {path: " + quoted(file("m.jsonl",
                "{\"session_id\": \"a\", \"turns\": [{\"text\": \"hi\"}]}\n")) + "}").dataset().type())
                .isEqualTo(DatasetType.MULTI_TURN);
        assertThat(bind("dataset: {path: " + quoted(file("g.json",
                "[{\"conversations\": [{\"from\": \"human\", \"value\": \"hi\"}]}]")) + "}").dataset().type())
                .isEqualTo(DatasetType.SHAREGPT);
        Path odd = file("odd.jsonl", "{\"prompt\": \"hi\"}\n");
        assertThat(error("dataset: {path: " + quoted(odd) + "}")).contains("datasets[0].path (line 1)")
                .contains("cannot tell the format of " + odd).contains("[prompt]")
                .contains("set type to one of single_turn, multi_turn, mooncake_trace, random_pool, sharegpt")
                .contains("--custom-dataset-type");
    }

    @Test
    void anUnknownTypeListsTheAcceptedOnesAndTheClosest() {
        assertThat(error("dataset: {type: mooncake_trac}")).contains("datasets[0].type (line 1)")
                .contains("unknown dataset type 'mooncake_trac'; accepted: synthetic, single_turn, multi_turn,"
                        + " mooncake_trace, random_pool, sharegpt; did you mean 'mooncake_trace'?");
        assertThat(error("dataset: {type: csv}")).contains("accepted: synthetic").doesNotContain("did you mean");
    }

    @Test
    void pathIsRequiredForFilesAndRefusedForSynthetic() throws IOException {
        assertThat(error("dataset: {type: single_turn}")).contains("datasets[0].type (line 1)")
                .contains("a single_turn dataset is read from a file; set path: FILE (--input-file FILE)");
        Path f = file("p.jsonl", "{\"text\": \"hi\"}\n");
        assertThat(error("dataset: {type: synthetic, path: " + quoted(f) + "}"))
                .contains("datasets[0].path (line 1)")
                .contains("a synthetic dataset is generated, not read; remove path");
    }

    @Test
    void aMissingOrBrokenFileIsNamedWithItsKey() throws IOException {
        Path missing = dir.resolve("nope.jsonl");
        assertThat(error("dataset: {type: single_turn, path: " + quoted(missing) + "}"))
                .contains("datasets[0].path (line 1)")
                .contains("the dataset file " + missing + " does not exist")
                .contains("relative paths are resolved against the config file's directory");
        assertThat(error("dataset: {type: single_turn, path: " + quoted(dir) + "}")).contains("is a directory");
        Path broken = file("broken.jsonl", "{\"text\": \"hi\"\n");
        assertThat(error("dataset: {path: " + quoted(broken) + "}")).contains("datasets[0].path")
                .contains(broken + " line 2: not valid JSON");
    }

    @Test
    void syntheticOnlyKeysAreRefusedOnFiles() throws IOException {
        Path f = quotedFile("{\"text\": \"hi\"}\n");
        assertThat(error("dataset: {type: single_turn, path: " + quoted(f) + ", turns: 3}"))
                .contains("datasets[0].turns (line 1)")
                .contains("turns shapes synthetic conversations; a single_turn file gives its own turns");
        assertThat(error("dataset: {type: single_turn, path: " + quoted(f) + ", turn_delay: 3}"))
                .contains("datasets[0].turn_delay");
        assertThat(error("dataset: {type: single_turn, path: " + quoted(f) + ", entries: 3}"))
                .contains("datasets[0].entries").contains("remove entries");
        assertThat(bind("dataset: {type: random_pool, path: " + quoted(f) + ", entries: 3}").dataset().entries())
                .isEqualTo(3);
    }

    private Path quotedFile(String text) throws IOException {
        return file("f.jsonl", text);
    }
}
