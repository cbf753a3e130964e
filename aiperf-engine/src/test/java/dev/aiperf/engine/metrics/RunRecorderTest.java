package dev.aiperf.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.client.RequestRecord.RequestError;
import dev.aiperf.engine.client.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RunRecorderTest {

    static final long MS = 1_000_000L;
    static final long WALL0 = 1_700_000_000_000_000_000L;
    static final ObjectMapper JSON = new ObjectMapper();

    /** A streaming request sent at {@code startMs} whose chunks arrive at the given offsets (ms) after start. */
    static RequestRecord streamed(long index, long startMs, int osl, long... offsetsMs) {
        long start = startMs * MS;
        long[] resp = new long[offsetsMs.length];
        for (int i = 0; i < resp.length; i++) {
            resp[i] = start + offsetsMs[i] * MS;
        }
        long end = resp.length == 0 ? start : resp[resp.length - 1] + MS;
        return new RequestRecord(index, "profiling", false, WALL0 + start, start, start, resp, end, 50, osl,
                null, null, null);
    }

    static RequestRecord failed(long index, long startMs, String type, Integer code) {
        long start = startMs * MS;
        return new RequestRecord(index, "profiling", false, WALL0 + start, start, start, new long[0],
                start + 5 * MS, 50, -1, null, new RequestError(type, code, "boom " + type), null);
    }

    @Test
    void perRequestFormulas(@TempDir Path dir) throws Exception {
        RunRecorder rec = new RunRecorder(dir.resolve("profile_export.jsonl"), RunRecorder.Options.closedLoop(true));
        // TTFT 100, chunks at 100/120/150/180 ms, 4 output tokens.
        rec.accept(streamed(0, 0, 4, 100, 120, 150, 180));
        RunMetrics m = rec.finish();

        assertThat(m.get(MetricTag.REQUEST_LATENCY).avg()).isEqualTo(180.0);
        assertThat(m.get(MetricTag.TIME_TO_FIRST_TOKEN).avg()).isEqualTo(100.0);
        assertThat(m.get(MetricTag.TIME_TO_SECOND_TOKEN).avg()).isEqualTo(20.0);
        // (180 - 100) / (4 - 1)
        assertThat(m.get(MetricTag.INTER_TOKEN_LATENCY).avg()).isCloseTo(80.0 / 3, within(1e-9));
        assertThat(m.get(MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER).avg()).isCloseTo(37.5, within(1e-9));
        Stats icl = m.get(MetricTag.INTER_CHUNK_LATENCY);
        assertThat(icl.count()).isEqualTo(3);
        assertThat(icl.min()).isEqualTo(20.0);
        assertThat(icl.max()).isEqualTo(30.0);
        assertThat(m.get(MetricTag.INPUT_SEQUENCE_LENGTH).avg()).isEqualTo(50);
        assertThat(m.get(MetricTag.OUTPUT_SEQUENCE_LENGTH).avg()).isEqualTo(4);
        // Closed loop: no open-loop metrics.
        assertThat(m.metrics()).doesNotContainKeys(MetricTag.SCHEDULE_LAG, MetricTag.ACHIEVED_REQUEST_RATE,
                MetricTag.GOODPUT);
    }

    @Test
    void itlNeedsTwoTokensAndNonStreamingHasNoTokenTimings(@TempDir Path dir) throws Exception {
        RunRecorder stream = new RunRecorder(null, RunRecorder.Options.closedLoop(true));
        stream.accept(streamed(0, 0, 1, 40));
        RunMetrics s = stream.finish();
        assertThat(s.get(MetricTag.TIME_TO_FIRST_TOKEN).avg()).isEqualTo(40.0);
        assertThat(s.metrics()).doesNotContainKeys(MetricTag.INTER_TOKEN_LATENCY, MetricTag.TIME_TO_SECOND_TOKEN,
                MetricTag.INTER_CHUNK_LATENCY, MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER);

        RunRecorder plain = new RunRecorder(null, RunRecorder.Options.closedLoop(false));
        plain.accept(streamed(0, 0, 30, 250));
        RunMetrics p = plain.finish();
        assertThat(p.get(MetricTag.REQUEST_LATENCY).avg()).isEqualTo(250.0);
        assertThat(p.get(MetricTag.OUTPUT_SEQUENCE_LENGTH).avg()).isEqualTo(30);
        assertThat(p.metrics()).doesNotContainKeys(MetricTag.TIME_TO_FIRST_TOKEN, MetricTag.INTER_TOKEN_LATENCY);
    }

    @Test
    void errorsAreCountedByTypeAndAggregatesFollowTheDefinitions(@TempDir Path dir) throws Exception {
        RunRecorder rec = new RunRecorder(null, RunRecorder.Options.closedLoop(true));
        rec.accept(streamed(0, 0, 10, 100, 200, 1000));      // ends at wall 1.0 s
        rec.accept(streamed(1, 1000, 20, 100, 200, 1000));   // 1.0 s .. 2.0 s
        rec.accept(failed(2, 500, "http_error", 500));
        rec.accept(failed(3, 600, "http_error", 500));
        rec.accept(failed(4, 700, "timeout", null));
        // No error, but no content arrived: an error too.
        rec.accept(streamed(5, 800, 0));
        RunMetrics m = rec.finish();

        assertThat(m.get(MetricTag.REQUEST_COUNT).avg()).isEqualTo(2);
        assertThat(m.get(MetricTag.ERROR_REQUEST_COUNT).avg()).isEqualTo(4);
        assertThat(m.get(MetricTag.REQUEST_ERROR_RATE).avg()).isCloseTo(100.0 * 4 / 6, within(1e-9));
        assertThat(m.get(MetricTag.BENCHMARK_DURATION).avg()).isCloseTo(2.0, within(1e-9));
        assertThat(m.get(MetricTag.REQUEST_THROUGHPUT).avg()).isCloseTo(1.0, within(1e-9));
        assertThat(m.get(MetricTag.OUTPUT_TOKEN_THROUGHPUT).avg()).isCloseTo(15.0, within(1e-9));
        assertThat(m.get(MetricTag.TOTAL_TOKEN_THROUGHPUT).avg()).isCloseTo(65.0, within(1e-9));
        assertThat(m.errorSummary()).containsExactly(
                new ErrorCount("http_error", 500, "boom http_error", 2),
                new ErrorCount("no_response", null, "the request succeeded but no content response arrived", 1),
                new ErrorCount("timeout", null, "boom timeout", 1));
        // Only valid requests feed the latency distribution.
        assertThat(m.get(MetricTag.REQUEST_LATENCY).count()).isEqualTo(2);
    }

    @Test
    void goodputAgainstSlosUsesGeForLargerIsBetterAndLeOtherwise() throws Exception {
        RunRecorder.Options opts = RunRecorder.Options.closedLoop(true)
                .withSlos(Map.of("time_to_first_token", 100.0, "output_token_throughput_per_user", 40.0));
        RunRecorder rec = new RunRecorder(null, opts);
        // TTFT 100 (== SLO, passes), ITL 20 ms -> 50 tok/s/user: good.
        rec.accept(streamed(0, 0, 3, 100, 120, 140));
        // TTFT 101: bad.
        rec.accept(streamed(1, 0, 3, 101, 121, 141));
        // ITL 25 ms -> exactly 40 tok/s/user: good (>=).
        rec.accept(streamed(2, 0, 3, 50, 75, 100));
        // ITL 30 ms -> 33.3 tok/s/user: bad.
        rec.accept(streamed(3, 0, 3, 50, 80, 110));
        // OSL 1: no ITL, so no per-user throughput: a missing metric is not good.
        rec.accept(streamed(4, 0, 1, 10));
        rec.accept(failed(5, 0, "timeout", null));
        RunMetrics m = rec.finish();
        assertThat(m.get(MetricTag.GOOD_REQUEST_COUNT).avg()).isEqualTo(2);
        assertThat(m.get(MetricTag.GOOD_REQUEST_FRACTION).avg()).isCloseTo(2.0 / 6, within(1e-12));
        double duration = m.get(MetricTag.BENCHMARK_DURATION).avg();
        assertThat(m.get(MetricTag.GOODPUT).avg()).isCloseTo(2 / duration, within(1e-9));
    }

    @Test
    void unknownSloMetricIsAConfigError() {
        assertThatThrownBy(() -> new RunRecorder(null,
                RunRecorder.Options.closedLoop(true).withSlos(Map.of("time_to_frist_token", 5.0))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("benchmark.slos.time_to_frist_token")
                .hasMessageContaining("time_to_first_token");
    }

    @Test
    void openLoopMeasuresFromTheIntendedStartAndReportsRates() throws Exception {
        RunRecorder rec = new RunRecorder(null, RunRecorder.Options.openLoop(true, 10.0));
        for (int i = 0; i < 11; i++) {
            long intended = i * 100 * MS;          // 10 requests/s schedule
            long start = intended + 2 * MS;        // sent 2 ms late
            long[] resp = {start + 30 * MS, start + 40 * MS};
            rec.accept(new RequestRecord(i, "profiling", false, WALL0 + start, intended, start, resp,
                    resp[1], 10, 2, null, null, null));
        }
        RunMetrics m = rec.finish();
        assertThat(m.get(MetricTag.SCHEDULE_LAG).avg()).isCloseTo(2.0, within(1e-9));
        assertThat(m.get(MetricTag.REQUEST_LATENCY).avg()).isCloseTo(40.0, within(1e-9));
        assertThat(m.get(MetricTag.REQUEST_LATENCY_FROM_INTENDED_START).avg()).isCloseTo(42.0, within(1e-9));
        assertThat(m.get(MetricTag.TIME_TO_FIRST_TOKEN_FROM_INTENDED_START).avg()).isCloseTo(32.0, within(1e-9));
        assertThat(m.get(MetricTag.TARGET_REQUEST_RATE).avg()).isEqualTo(10.0);
        assertThat(m.get(MetricTag.ACHIEVED_REQUEST_RATE).avg()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void warmupIsCountedSeparatelyAndNotWrittenToJsonl(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("profile_export.jsonl");
        RunRecorder rec = new RunRecorder(jsonl, RunRecorder.Options.closedLoop(true));
        RequestRecord w = streamed(0, 0, 2, 500, 600);
        rec.accept(new RequestRecord(0, "warmup", true, w.wallStartNanos(), w.intendedStartNanos(), w.startNanos(),
                w.responseNanos(), w.endNanos(), 50, 2, null, null, null));
        rec.accept(streamed(1, 1000, 2, 10, 20));
        RunMetrics m = rec.finish();
        assertThat(rec.warmupCount()).isEqualTo(1);
        assertThat(m.get(MetricTag.REQUEST_COUNT).avg()).isEqualTo(1);
        assertThat(m.get(MetricTag.REQUEST_LATENCY).avg()).isEqualTo(20.0);
        assertThat(m.warmupMetrics().get(MetricTag.REQUEST_LATENCY).avg()).isEqualTo(600.0);
        assertThat(Files.readAllLines(jsonl)).hasSize(1);
    }

    @Test
    void jsonlHasOneRecordPerRequestInAIPerfShape(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("profile_export.jsonl");
        RunRecorder rec = new RunRecorder(jsonl, RunRecorder.Options.closedLoop(true));
        rec.accept(streamed(0, 0, 4, 100, 120, 150, 180));
        rec.accept(failed(1, 10, "http_error", 503));
        rec.accept(streamed(2, 20, 2, 5, 9));
        rec.finish();
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(3);

        JsonNode ok = JSON.readTree(lines.get(0));
        assertThat(ok.fieldNames()).toIterable().containsExactly("metadata", "metrics", "error");
        assertThat(ok.get("metadata").get("session_num").asLong()).isEqualTo(0);
        assertThat(ok.get("metadata").get("benchmark_phase").asText()).isEqualTo("profiling");
        assertThat(ok.get("metadata").get("request_start_ns").asLong()).isEqualTo(WALL0);
        assertThat(ok.get("metadata").get("request_end_ns").asLong()).isEqualTo(WALL0 + 181 * MS);
        JsonNode metrics = ok.get("metrics");
        assertThat(metrics.get("request_latency").get("value").asDouble()).isEqualTo(180.0);
        assertThat(metrics.get("request_latency").get("unit").asText()).isEqualTo("ms");
        assertThat(metrics.get("time_to_first_token").get("value").asDouble()).isEqualTo(100.0);
        assertThat(metrics.get("inter_chunk_latency").get("value")).hasSize(3);
        assertThat(metrics.get("input_sequence_length").get("value").isIntegralNumber()).isTrue();
        assertThat(metrics.get("output_sequence_length").get("unit").asText()).isEqualTo("tokens");
        assertThat(ok.get("error").isNull()).isTrue();

        JsonNode err = JSON.readTree(lines.get(1));
        assertThat(err.get("metrics").size()).isZero();
        assertThat(err.get("error").get("code").asInt()).isEqualTo(503);
        assertThat(err.get("error").get("type").asText()).isEqualTo("http_error");
        assertThat(err.get("error").get("message").asText()).isEqualTo("boom http_error");
    }

    @Test
    void concurrentWritersLoseNothing(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("profile_export.jsonl");
        RunRecorder rec = new RunRecorder(jsonl, RunRecorder.Options.closedLoop(true));
        int threads = 4;
        int perThread = 2_500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    int idx = base + i;
                    rec.accept(idx % 100 == 0 ? failed(idx, idx, "timeout", null)
                            : streamed(idx, idx, 3, 10, 11 + idx % 7, 20 + idx % 7));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        RunMetrics m = rec.finish();
        int total = threads * perThread;
        assertThat(m.get(MetricTag.REQUEST_COUNT).avg() + m.get(MetricTag.ERROR_REQUEST_COUNT).avg()).isEqualTo(total);
        assertThat(m.get(MetricTag.ERROR_REQUEST_COUNT).avg()).isEqualTo(total / 100);
        assertThat(m.get(MetricTag.INTER_CHUNK_LATENCY).count()).isEqualTo(2L * (total - total / 100));
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(total);
        assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(','))).distinct().count()).isEqualTo(total);
        assertThat(JSON.readTree(lines.get(total - 1)).get("metrics").isObject()).isTrue();
    }

    @Test
    void jsonlIsFlushedWhileTheRunGoes(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("profile_export.jsonl");
        RunRecorder rec = new RunRecorder(jsonl, RunRecorder.Options.closedLoop(true));
        for (int i = 0; i < RunRecorder.FLUSH_EVERY_LINES; i++) {
            rec.accept(streamed(i, i, 2, 1, 2));
        }
        // Before finish: the first batch is on disk already.
        assertThat(Files.readAllLines(jsonl)).hasSize(RunRecorder.FLUSH_EVERY_LINES);
        rec.finish();
    }
}
