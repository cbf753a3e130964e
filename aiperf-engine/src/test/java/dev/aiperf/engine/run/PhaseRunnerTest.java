package dev.aiperf.engine.run;

import dev.aiperf.engine.api.model.ConfigException;
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
import dev.aiperf.engine.dataset.PromptSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhaseRunnerTest {

    private static SseFixtureServer server;
    private OpenAiClient client;
    private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = new SseFixtureServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void setUp() {
        server.resetStats();
        server.keepLog = false;
        server.tokens = 3;
        server.ttftMs = 0;
        server.itlMs = 0;
        client = new OpenAiClient(new EndpointConfig(List.of(server.chatUrl()), EndpointType.CHAT, true, null, Map.of(),
                30, false, false), "m", new WhitespaceTokenizer(), 64);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    static PhaseConfig phase(String name, PhaseType type, Integer requests, Double duration, Double rate,
            Integer concurrency, Double grace) {
        return new PhaseConfig(name, type, requests, duration, rate, concurrency, null, grace, false, false, null, null,
                null, null, null);
    }

    private PhaseResult run(PhaseConfig phase, PromptSource prompts) {
        return new PhaseRunner(client, prompts, records::add).runPhase(phase, 42, new AtomicLong(), new AtomicBoolean(),
                ProgressListener.NONE);
    }

    private PhaseResult run(PhaseConfig phase) {
        return run(phase, i -> new Prompt("p" + i, 1, 3));
    }

    /** Highest number of requests in flight at once, from the records' own start and end times. */
    private static int maxOverlap(List<RequestRecord> rs, long from, long to) {
        List<long[]> events = new ArrayList<>();
        for (RequestRecord r : rs) {
            events.add(new long[] {r.startNanos(), 1});
            events.add(new long[] {r.endNanos(), -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int max = 0;
        for (long[] e : events) {
            now += (int) e[1];
            if (e[0] >= from && e[0] < to) {
                max = Math.max(max, now);
            }
        }
        return max;
    }

    @Test
    void closedLoopNeverExceedsItsConcurrencyAndCompletesEveryRequest() {
        server.ttftMs = 5;
        server.itlMs = 2;
        PhaseResult r = run(phase("profiling", PhaseType.CONCURRENCY, 80, null, null, 4, null));
        assertThat(r.sent()).isEqualTo(80);
        assertThat(r.completed()).isEqualTo(80);
        assertThat(r.errors()).isZero();
        assertThat(server.maxActive()).isEqualTo(4);
        assertThat(maxOverlap(List.copyOf(records), Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(4);
        assertThat(records).extracting(RequestRecord::index).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.range(0, 80).boxed().toList());
        assertThat(r.targetRate()).isNull();
        assertThat(r.scheduleLag()).isEqualTo(PhaseResult.ScheduleLag.NONE);
        assertThat(records).allSatisfy(rec -> assertThat(rec.intendedStartNanos()).isEqualTo(rec.startNanos()));
    }

    @Test
    void poissonRateAchievesItsTargetWithinFivePercentAndReportsScheduleLag() {
        // A warmup phase first, as a real run has: compiled code and open connections, not JIT time, are measured.
        client.warmUpConnections(16);
        run(phase("warmup", PhaseType.CONCURRENCY, 2000, null, null, 8, null));
        records.clear();
        // 500 req/s keeps the test at 4 s and well inside what a shared 2-core build machine sustains.
        PhaseResult r = run(phase("profiling", PhaseType.POISSON, 2000, null, 500.0, null, null));
        assertThat(r.sent()).isEqualTo(2000);
        assertThat(r.completed()).isEqualTo(2000);
        assertThat(r.errors()).isZero();
        assertThat(r.targetRate()).isEqualTo(500.0);
        assertThat(r.achievedRate()).isBetween(475.0, 525.0);
        assertThat(r.scheduleLag().count()).isEqualTo(2000);
        assertThat(r.scheduleLag().p50Ms()).isGreaterThanOrEqualTo(0.0).isLessThan(5.0);
        assertThat(r.scheduleLag().maxMs()).isGreaterThanOrEqualTo(r.scheduleLag().p99Ms());
        assertThat(records).allSatisfy(rec -> assertThat(rec.startNanos()).isGreaterThanOrEqualTo(rec.intendedStartNanos()));
        System.out.printf("poisson 500 req/s x 2000: achieved %.1f req/s, lag mean %.3f p50 %.3f p99 %.3f max %.3f ms%n",
                r.achievedRate(), r.scheduleLag().meanMs(), r.scheduleLag().p50Ms(), r.scheduleLag().p99Ms(),
                r.scheduleLag().maxMs());
    }

    @Test
    void openLoopConcurrencyIsACeiling() {
        server.ttftMs = 50;
        PhaseResult r = run(phase("profiling", PhaseType.CONSTANT, 40, null, 400.0, 3, null));
        assertThat(r.completed()).isEqualTo(40);
        assertThat(server.maxActive()).isLessThanOrEqualTo(3);
        // The ceiling held requests back, so they went out late and the lag shows it.
        assertThat(r.scheduleLag().maxMs()).isGreaterThan(100.0);
        assertThat(r.achievedRate()).isLessThan(200.0);
    }

    @Test
    void errorsAreRecordedAndTheRunContinues() {
        PhaseResult r = run(phase("profiling", PhaseType.CONCURRENCY, 20, null, null, 2, null),
                i -> new Prompt(i % 5 == 0 ? "fault:500" : "ok", 1, 3));
        assertThat(r.completed()).isEqualTo(20);
        assertThat(r.errors()).isEqualTo(4);
        assertThat(records).filteredOn(rec -> !rec.ok()).allSatisfy(rec -> {
            assertThat(rec.error().type()).isEqualTo("http_error");
            assertThat(rec.error().code()).isEqualTo(500);
            assertThat(rec.index() % 5).isZero();
        });
    }

    @Test
    void durationPhaseWaitsForInFlightRequestsWithinTheGracePeriod() {
        server.ttftMs = 0;
        server.itlMs = 20;
        server.tokens = 10; // about 200 ms per request
        PhaseResult r = run(phase("profiling", PhaseType.CONCURRENCY, null, 0.5, null, 2, 2.0));
        assertThat(r.errors()).isZero();
        assertThat(r.completed()).isEqualTo(r.sent());
        assertThat((r.sendEndNanos() - r.startNanos()) / 1e9).isBetween(0.5, 0.7);
        assertThat((r.endNanos() - r.sendEndNanos()) / 1e9).isLessThan(0.5);
    }

    @Test
    void durationPhaseCancelsWhatIsStillInFlightAfterTheGracePeriod() {
        server.itlMs = 100;
        server.tokens = 30; // about 3 s per request
        long t0 = System.nanoTime();
        PhaseResult r = run(phase("profiling", PhaseType.CONCURRENCY, null, 0.3, null, 2, 0.4));
        double elapsed = (System.nanoTime() - t0) / 1e9;
        assertThat(r.sent()).isEqualTo(2);
        assertThat(r.completed()).isEqualTo(2);
        assertThat(r.cancelled()).isEqualTo(2);
        assertThat(records).allSatisfy(rec -> assertThat(rec.error().type()).isEqualTo("cancelled"));
        // Measured data survives the cancel: the first tokens had arrived.
        assertThat(records).allSatisfy(rec -> assertThat(rec.responseNanos()).isNotEmpty());
        assertThat(elapsed).isBetween(0.7, 2.0);
        assertThat(r.interrupted()).isFalse();
    }

    @Test
    void gracePeriodIsSkippedWhenNothingIsInFlight() {
        long t0 = System.nanoTime();
        PhaseResult r = run(phase("profiling", PhaseType.CONSTANT, null, 0.3, 50.0, null, 30.0));
        double elapsed = (System.nanoTime() - t0) / 1e9;
        assertThat(elapsed).isLessThan(1.5);
        assertThat(r.sent()).isBetween(14L, 17L);
        assertThat(r.errors()).isZero();
    }

    @Test
    void concurrencyRampRaisesTheSlotsOverTime() {
        client.warmUpConnections(8);
        run(phase("warmup", PhaseType.CONCURRENCY, 200, null, null, 8, null));
        records.clear();
        server.ttftMs = 40;
        Ramp ramp = new Ramp(1, 1.0);
        PhaseConfig p = new PhaseConfig("profiling", PhaseType.CONCURRENCY, null, 1.6, null, 8, null, 5.0, false, false,
                ramp, null, null, null, null);
        PhaseResult r = run(p);
        List<RequestRecord> rs = List.copyOf(records);
        long s = r.startNanos();
        for (RequestRecord rec : rs) {
            // When a request started, the requests in flight (itself included) never exceeded the ramp's slots.
            double t = (rec.startNanos() - s) / 1e9;
            int allowed = (int) Math.floor(1 + 7 * Math.min(1.0, t) + 1e-9);
            assertThat(maxOverlap(rs, rec.startNanos(), rec.startNanos() + 1)).isLessThanOrEqualTo(allowed);
        }
        long ms = 1_000_000;
        assertThat(maxOverlap(rs, s, s + 280 * ms)).isBetween(1, 2);
        assertThat(maxOverlap(rs, s + 1_050 * ms, s + 1_600 * ms)).isEqualTo(8);
        assertThat(r.errors()).isZero();
    }

    @Test
    void rateRampRaisesTheRateLinearlyFromZero() {
        PhaseConfig p = new PhaseConfig("profiling", PhaseType.CONSTANT, null, 1.5, 400.0, null, null, 5.0, false, false,
                null, new Ramp(0, 1.0), null, null, null);
        PhaseResult r = run(p);
        long s = r.startNanos();
        long[] counts = new long[3];
        for (RequestRecord rec : records) {
            int bucket = (int) ((rec.intendedStartNanos() - s) / 500_000_000L);
            if (bucket < 3) {
                counts[bucket]++;
            }
        }
        // Integral of a rate rising from 0 to 400/s over 1 s, then holding: 50, 150, 200.
        assertThat(counts[0]).isBetween(47L, 53L);
        assertThat(counts[1]).isBetween(147L, 153L);
        assertThat(counts[2]).isBetween(197L, 203L);
        assertThat(r.sent()).isEqualTo(counts[0] + counts[1] + counts[2]);
    }

    @Test
    void cancelStopsSendingDrainsAndReturnsWhatWasMeasured() throws Exception {
        server.itlMs = 5;
        server.tokens = 4;
        AtomicBoolean cancel = new AtomicBoolean();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cancel.set(true);
        });
        canceller.start();
        long t0 = System.nanoTime();
        PhaseResult r = new PhaseRunner(client, i -> new Prompt("p", 1, 4), records::add)
                .runPhase(phase("profiling", PhaseType.CONCURRENCY, null, 30.0, null, 4, null), 1, new AtomicLong(), cancel,
                        ProgressListener.NONE);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        canceller.join();
        assertThat(r.interrupted()).isTrue();
        assertThat(elapsed).isLessThan(3.0);
        assertThat(r.sent()).isPositive();
        assertThat(r.completed()).isEqualTo(r.sent());
        assertThat(records).hasSize((int) r.sent());
    }

    @Test
    void progressListenerHearsTheRunAsItGoes() {
        server.ttftMs = 10;
        List<PhaseProgress> seen = new CopyOnWriteArrayList<>();
        List<PhaseResult> ended = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void onProgress(PhaseProgress progress) {
                seen.add(progress);
            }

            @Override
            public void onPhaseEnd(PhaseResult result) {
                ended.add(result);
            }
        };
        PhaseResult r = new PhaseRunner(client, i -> new Prompt("p", 1, 3), records::add,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(50))
                .runPhase(phase("profiling", PhaseType.CONCURRENCY, 40, null, null, 1, null), 1, new AtomicLong(),
                        new AtomicBoolean(), listener);
        assertThat(seen.size()).isGreaterThanOrEqualTo(3);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).completed()).isGreaterThanOrEqualTo(seen.get(i - 1).completed());
        }
        PhaseProgress last = seen.get(seen.size() - 1);
        assertThat(last.completed()).isEqualTo(40);
        assertThat(last.fractionDone()).isEqualTo(1.0);
        assertThat(ended).containsExactly(r);
    }

    @Test
    void phasesThatCannotRunAreConfigErrors() {
        assertThatThrownBy(() -> run(phase("profiling", PhaseType.CONCURRENCY, null, null, null, 1, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("phases.profiling").hasMessageContaining("requests");
        assertThatThrownBy(() -> run(phase("fast", PhaseType.POISSON, 10, null, null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("phases.fast.rate");
        assertThatThrownBy(() -> run(phase("p", PhaseType.CONCURRENCY, 0, null, null, 1, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("phases.p.requests");
    }
}
