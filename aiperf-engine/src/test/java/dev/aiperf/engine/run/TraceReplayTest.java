package dev.aiperf.engine.run;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.client.RequestRecord;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.dataset.ConversationSource;
import dev.aiperf.engine.dataset.Datasets;
import dev.aiperf.engine.dataset.Tokenizers;
import dev.aiperf.mock.MockServer;
import dev.aiperf.mock.MockServerConfig;
import dev.aiperf.mock.MockStats;
import dev.aiperf.mock.PrefixCacheConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trace files replayed against the mock server: shared {@code hash_ids} reach the server as shared prefixes (its
 * prefix cache hits, prefill shrinks, TTFT drops), and a fixed schedule replays the trace's own times.
 */
class TraceReplayTest {

    private static final int LINES = 40;

    /** A mooncake trace of 2,048-token inputs (4 blocks); with {@code shared} the first three blocks repeat. */
    private static Path trace(Path dir, String name, boolean shared) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            int[] ids = shared ? new int[] {1, 2, 3, 100 + i} : new int[] {4 * i + 1000, 4 * i + 1001, 4 * i + 1002,
                    4 * i + 1003};
            lines.add("{\"timestamp\": " + (i * 20) + ", \"input_length\": 2048, \"output_length\": 4, \"hash_ids\": "
                    + Arrays.toString(ids) + "}");
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static DatasetConfig dataset(Path file, DatasetType type) {
        return new DatasetConfig("main", type, 1, null, null, null, null, "cl100k_base", file);
    }

    private record Replay(List<RequestRecord> records, MockStats stats) {
        double medianTtftMs() {
            double[] t = records.stream().mapToDouble(r -> (r.responseNanos()[0] - r.startNanos()) / 1e6).sorted()
                    .toArray();
            return t[t.length / 2];
        }
    }

    private static Replay replay(Path file, PhaseConfig phase) {
        // The default batching model (prefill 0.02 ms per token) with the prefix cache on: what a cache hit saves is
        // well above the noise of a loaded machine.
        MockServerConfig mc = MockServerConfig.defaults().withPrefixCache(PrefixCacheConfig.defaults());
        try (MockServer server = MockServer.start(mc)) {
            EndpointConfig endpoint = new EndpointConfig(List.of(server.baseUrl() + "/v1/chat/completions"),
                    EndpointType.CHAT, true, null, Map.of(), 30, false, false);
            List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
            boolean once = phase.type() == PhaseType.FIXED_SCHEDULE;
            try (OpenAiClient client = new OpenAiClient(endpoint, "mock-model", Tokenizers.forName("cl100k_base"), 8);
                 ConversationSource source = Datasets.open(dataset(file, DatasetType.MOONCAKE_TRACE),
                         EndpointType.CHAT, 5, Tokenizers.forName("cl100k_base"), once)) {
                new LoadGenerator(client, source, records::add).run(List.of(phase), 5, new AtomicBoolean(),
                        ProgressListener.NONE);
            }
            return new Replay(new ArrayList<>(records), server.stats());
        }
    }

    private static PhaseConfig oneAtATime() {
        return new PhaseConfig("profiling", PhaseType.CONCURRENCY, LINES, null, null, 1, null, null, false, false,
                null, null, null, null, null);
    }

    @Test
    void repeatedHashIdsHitTheServersPrefixCacheAndLowerTtft(@TempDir Path dir) throws IOException {
        Replay shared = replay(trace(dir, "shared.jsonl", true), oneAtATime());
        Replay unique = replay(trace(dir, "unique.jsonl", false), oneAtATime());

        assertThat(shared.records()).hasSize(LINES).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(unique.records()).hasSize(LINES).allSatisfy(r -> assertThat(r.ok()).isTrue());
        System.out.printf("TraceReplayTest: prefix-cache hit rate shared %.3f vs unique %.3f; median TTFT %.2f ms vs"
                        + " %.2f ms%n", shared.stats().prefixCacheHitRate(), unique.stats().prefixCacheHitRate(),
                shared.medianTtftMs(), unique.medianTtftMs());
        // Three of four blocks are shared by every request after the first: most prompt tokens hit.
        assertThat(shared.stats().prefixCacheHitRate()).isGreaterThan(0.6);
        assertThat(unique.stats().prefixCacheHitRate()).isLessThan(0.05);
        assertThat(shared.medianTtftMs()).isLessThan(unique.medianTtftMs() * 0.7);
    }

    @Test
    void aFixedScheduleReplaysTheTracesTimesBetweenItsOffsetsAndSpedUp(@TempDir Path dir) throws IOException {
        PhaseConfig phase = new PhaseConfig("profiling", PhaseType.FIXED_SCHEDULE, null, null, null, null, null, null,
                false, false, null, null, null, null, null, null,
                new PhaseConfig.FixedSchedule(false, 100.0, 500.0, 2.0), null);
        Replay r = replay(trace(dir, "trace.jsonl", false), phase);
        // Entries at 100..500 ms of trace time (21 of them), the start offset as time zero, at twice the speed.
        assertThat(r.records()).hasSize(21);
        long first = r.records().stream().mapToLong(RequestRecord::intendedStartNanos).min().orElseThrow();
        List<Double> offsets = r.records().stream().map(x -> (x.intendedStartNanos() - first) / 1e6).sorted().toList();
        for (int i = 0; i < offsets.size(); i++) {
            assertThat(offsets.get(i)).isCloseTo(i * 10.0, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    @Test
    void aFixedScheduleRefusesAnUntimedOrUnsortedFileNamingLineAndField(@TempDir Path dir) throws IOException {
        Path untimed = Files.write(dir.resolve("untimed.jsonl"), List.of(
                "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 2}",
                "{\"input_length\": 10, \"output_length\": 2}"));
        assertThatThrownBy(() -> Datasets.open(dataset(untimed, DatasetType.MOONCAKE_TRACE), EndpointType.CHAT, 1,
                Tokenizers.forName("cl100k_base"), true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("untimed.jsonl:2: timestamp: missing");
        Path unsorted = Files.write(dir.resolve("unsorted.jsonl"), List.of(
                "{\"timestamp\": 50, \"input_length\": 10, \"output_length\": 2}",
                "{\"timestamp\": 10, \"input_length\": 10, \"output_length\": 2}"));
        assertThatThrownBy(() -> Datasets.open(dataset(unsorted, DatasetType.MOONCAKE_TRACE), EndpointType.CHAT, 1,
                Tokenizers.forName("cl100k_base"), true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not in time order");
    }
}
