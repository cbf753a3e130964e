package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.EndpointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.aiperf.engine.dataset.DatasetFilesTest.TOKENIZER;
import static dev.aiperf.engine.dataset.DatasetFilesTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefetchingSourceTest {

    @TempDir
    Path dir;

    private static DatasetFileSummary summary(Path p) {
        return new DatasetFileSummary(p, DatasetType.SINGLE_TURN, 3, 3, 0, false, 1, false, Double.NaN, Double.NaN,
                true, false, 0, 0);
    }

    private static Conversation conversation(int i) {
        return new Conversation("s" + i, List.of(Turn.of(new Prompt("t" + i, 1, null))));
    }

    @Test
    void aReaderFailureArrivesAfterTheConversationsReadBeforeIt() {
        AtomicInteger n = new AtomicInteger();
        ConversationSource failing = () -> {
            int i = n.getAndIncrement();
            if (i == 3) {
                throw new ConfigException("trace.jsonl:4: timestamp: expected a number of milliseconds; got \"x\"");
            }
            return conversation(i);
        };
        PrefetchingSource src = new PrefetchingSource(failing, summary(dir.resolve("trace.jsonl")), false, 8);
        for (int i = 0; i < 3; i++) {
            assertThat(src.next().sessionId()).isEqualTo("s" + i);
        }
        assertThatThrownBy(src::next).isInstanceOf(ConfigException.class)
                .hasMessage("trace.jsonl:4: timestamp: expected a number of milliseconds; got \"x\"");
        assertThat(src.next()).isNull();
        src.close();
    }

    @Test
    void closeStopsTheReadingThreadAndReleasesTheReader() throws Exception {
        Path p = Files.writeString(dir.resolve("loop.jsonl"), "{\"text\": \"a\"}\n{\"text\": \"b\"}\n");
        PrefetchingSource src = DatasetFiles.open(config(DatasetType.SINGLE_TURN, p, null), TOKENIZER,
                EndpointType.CHAT, 1, false, 4);
        assertThat(src.next()).isNotNull();
        assertThat(readerThreads()).hasSize(1);
        src.close();
        assertThat(readerThreads()).isEmpty();
        assertThat(src.next()).as("closed").isNull();
    }

    private static List<Thread> readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("aiperf-dataset-loop.jsonl") && t.isAlive()).toList();
    }

    /** A 200,000-line trace is read through: conversations already taken are not kept by the source. */
    @Test
    void aLongTraceStreamsWithoutHoldingWhatWasRead() throws IOException {
        int lines = 200_000;
        Path p = dir.resolve("long.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            for (int i = 0; i < lines; i++) {
                w.write("{\"timestamp\": " + i + ", \"input_length\": 40, \"output_length\": 8, \"hash_ids\": ["
                        + (i % 1000) + "]}\n");
            }
        }
        List<WeakReference<Conversation>> early = new ArrayList<>();
        long count = 0;
        double lastTimestamp = -1;
        boolean inOrder = true;
        try (PrefetchingSource src = DatasetFiles.open(config(DatasetType.MOONCAKE_TRACE, p, null), TOKENIZER,
                EndpointType.CHAT, 1, true)) {
            assertThat(src.summary().requests()).isEqualTo(lines);
            assertThat(src.summary().sortedByTimestamp()).isTrue();
            Conversation c;
            while ((c = src.next()) != null) {
                if (count < 100) {
                    early.add(new WeakReference<>(c));
                }
                inOrder &= c.timestampMillis() > lastTimestamp;
                lastTimestamp = c.timestampMillis();
                count++;
            }
            assertThat(inOrder).as("file order").isTrue();
            assertThat(count).isEqualTo(lines);
            for (int i = 0; i < 5 && early.stream().anyMatch(r -> r.get() != null); i++) {
                System.gc();
            }
            assertThat(early).allSatisfy(r -> assertThat(r.get()).isNull());
        }
    }
}
