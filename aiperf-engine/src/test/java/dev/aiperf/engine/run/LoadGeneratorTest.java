package dev.aiperf.engine.run;

import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.client.RequestRecord;
import dev.aiperf.engine.client.SseFixtureServer;
import dev.aiperf.engine.client.WhitespaceTokenizer;
import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.config.Ramp;
import dev.aiperf.engine.dataset.Prompt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LoadGeneratorTest {

    private static SseFixtureServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new SseFixtureServer();
        server.keepLog = false;
        server.tokens = 2;
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static OpenAiClient client(int connections) {
        return new OpenAiClient(new EndpointConfig(List.of(server.chatUrl()), EndpointType.CHAT, true, null, Map.of(), 30,
                false, false), "m", new WhitespaceTokenizer(), connections);
    }

    private static PhaseConfig phase(String name, int requests, int concurrency, boolean warmup, boolean seamless) {
        return new PhaseConfig(name, PhaseType.CONCURRENCY, requests, null, null, concurrency, null, null, warmup, seamless,
                null, null, null, null, null);
    }

    @Test
    void warmupRunsFirstExcludedAndIndicesContinueAcrossPhases() {
        server.itlMs = 0;
        ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
        List<PhaseResult> results;
        try (OpenAiClient client = client(4)) {
            results = new LoadGenerator(client, i -> new Prompt("p", 1, 2), records::add)
                    .run(List.of(phase("warmup", 5, 1, true, false), phase("profiling", 12, 3, false, false)), 7,
                            new AtomicBoolean(), ProgressListener.NONE);
        }
        assertThat(results).extracting(PhaseResult::name).containsExactly("warmup", "profiling");
        assertThat(results.get(0).excluded()).isTrue();
        assertThat(results.get(1).excluded()).isFalse();
        assertThat(records).extracting(RequestRecord::index)
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 17).boxed().toList());
        assertThat(records).filteredOn(RequestRecord::excluded).hasSize(5)
                .allSatisfy(r -> assertThat(r.index()).isLessThan(5))
                .allSatisfy(r -> assertThat(r.phase()).isEqualTo("warmup"));
        long warmupEnd = records.stream().filter(RequestRecord::excluded).mapToLong(RequestRecord::endNanos).max().orElseThrow();
        long profilingStart = records.stream().filter(r -> !r.excluded()).mapToLong(RequestRecord::startNanos).min()
                .orElseThrow();
        assertThat(profilingStart).isGreaterThanOrEqualTo(warmupEnd);
    }

    @Test
    void seamlessPhaseStartsBeforeThePreviousPhaseDrains() {
        server.itlMs = 100; // about 100 ms per request
        ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
        List<PhaseResult> results;
        try (OpenAiClient client = client(4)) {
            results = new LoadGenerator(client, i -> new Prompt("p", 1, 2), records::add)
                    .run(List.of(phase("warmup", 2, 2, true, false), phase("profiling", 2, 2, false, true)), 7,
                            new AtomicBoolean(), ProgressListener.NONE);
        } finally {
            server.itlMs = 0;
        }
        assertThat(results).allSatisfy(r -> assertThat(r.completed()).isEqualTo(2));
        long warmupEnd = records.stream().filter(RequestRecord::excluded).mapToLong(RequestRecord::endNanos).max().orElseThrow();
        long profilingStart = records.stream().filter(r -> !r.excluded()).mapToLong(RequestRecord::startNanos).min()
                .orElseThrow();
        assertThat(profilingStart).isLessThan(warmupEnd);
    }

    @Test
    void connectionsNeededFollowsConcurrencyOrRate() {
        PhaseConfig c = phase("a", 1, 12, false, false);
        PhaseConfig rate = new PhaseConfig("b", PhaseType.POISSON, 1, null, 40.0, null, null, null, false, false, null,
                null, null, null, null);
        PhaseConfig ramp = new PhaseConfig("c", PhaseType.CONCURRENCY, 1, null, null, 4, null, null, false, false,
                new Ramp(20, 1), null, null, null, null);
        assertThat(LoadGenerator.connectionsNeeded(List.of(c))).isEqualTo(12);
        assertThat(LoadGenerator.connectionsNeeded(List.of(c, rate))).isEqualTo(40);
        assertThat(LoadGenerator.connectionsNeeded(List.of(ramp))).isEqualTo(20);
    }

    @Test
    void phaseSeedsDifferPerPhaseAndRepeatPerRun() {
        assertThat(LoadGenerator.phaseSeed(1, 0)).isEqualTo(LoadGenerator.phaseSeed(1, 0));
        assertThat(LoadGenerator.phaseSeed(1, 0)).isNotEqualTo(LoadGenerator.phaseSeed(1, 1));
        assertThat(LoadGenerator.phaseSeed(1, 0)).isNotEqualTo(LoadGenerator.phaseSeed(2, 0));
    }
}
