package dev.aiperf.mock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency models against their formulas (docs/MOCK_SERVER.md), measured by the JDK client.
 *
 * <p>Tolerances. Timing noise is one-sided: a step or a client read can only run late (timer wake-up, a busy CPU on
 * a shared 2-core machine). So at concurrency 1 the best server-side TTFT of 7 requests must lie within
 * −5 % / +25 % + 3 ms of the formula, the client's (which adds HTTP and parsing) within −5 % / +25 % + 10 ms, and the
 * median ITL within −10 % / +25 % + 1 ms. Throughput must lie within −50 % / +10 % of the formula and show its shape: the rise and the plateau
 * (ratios within 20 % of the predicted ones) and, with a KV budget, a fall past the peak that the rough thrashing
 * model predicts within a factor of 2.
 */
class MockServerLatencyModelTest {

    private static double predictedStepMs(LatencyMode.Batching b, int batch, int prompt, int output) {
        // In steady state batch/output sequences per step are new and prefill their prompt.
        return b.stepBaseMs() + b.stepPerSeqMs() * batch + b.prefillMsPerToken() * prompt * batch / (double) output;
    }

    @Test
    void batchingAtConcurrencyOneMatchesTtftAndItlFormulas() {
        // 100-token prompt in chunks of 64: two prefill steps, the second emits the first token.
        LatencyMode.Batching b = new LatencyMode.Batching(8, 5.0, 0.5, 0.02, 64, 0);
        double ttft = (5.0 + 0.5 + 0.02 * 64) + (5.0 + 0.5 + 0.02 * 36);
        double itl = 5.0 + 0.5;
        try (MockServer server = MockServer.start(MockServerConfig.defaults().withLatency(b))) {
            PlainClient client = new PlainClient(server.baseUrl());
            client.stream("/v1/chat/completions", PlainClient.chat(100, 5, true));
            List<Double> clientTtft = new ArrayList<>();
            List<Double> clientItl = new ArrayList<>();
            List<Double> serverTtft = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                PlainClient.Stream s = client.stream("/v1/chat/completions", PlainClient.chat(100, 30, true));
                List<Long> t = s.tokenNanos();
                assertThat(t).hasSize(30);
                clientTtft.add((t.get(0) - s.sentNanos()) / 1e6);
                clientItl.add((t.get(29) - t.get(0)) / 1e6 / 29);
                serverTtft.add(s.timing().path("ttft_ms").asDouble());
            }
            Collections.sort(clientTtft);
            Collections.sort(clientItl);
            Collections.sort(serverTtft);
            assertWithin("server TTFT", serverTtft.get(0), ttft);
            assertThat(clientTtft.get(0)).as("client TTFT").isBetween(ttft * 0.95, ttft * 1.25 + 10);
            assertItl("client ITL", ClosedLoopLoad.median(clientItl), itl);
        }
    }

    @Test
    void openLoopAtConcurrencyOneMatchesTtftAndItl() {
        try (MockServer server = MockServer.start(MockServerConfig.defaults()
                .withLatency(new LatencyMode.OpenLoop(15, 3)))) {
            PlainClient client = new PlainClient(server.baseUrl());
            client.stream("/v1/chat/completions", PlainClient.chat(10, 5, true));
            List<Double> ttft = new ArrayList<>();
            List<Double> itl = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                PlainClient.Stream s = client.stream("/v1/chat/completions", PlainClient.chat(10, 40, true));
                List<Long> t = s.tokenNanos();
                ttft.add((t.get(0) - s.sentNanos()) / 1e6);
                itl.add((t.get(39) - t.get(0)) / 1e6 / 39);
            }
            Collections.sort(ttft);
            Collections.sort(itl);
            assertThat(ttft.get(0)).as("open-loop client TTFT").isBetween(15 * 0.95, 15 * 1.25 + 10);
            assertItl("open-loop ITL", ClosedLoopLoad.median(itl), 3);
        }
    }

    @Test
    void queueWaitAppearsOnlyAboveMaxBatch() throws Exception {
        LatencyMode.Batching b = new LatencyMode.Batching(4, 3.0, 0.25, 0.0, 0, 0);
        try (MockServer server = MockServer.start(MockServerConfig.defaults().withLatency(b))) {
            PlainClient client = new PlainClient(server.baseUrl());
            String body = PlainClient.chat(10, 30, true);
            ClosedLoopLoad.run(client, 4, body, 0, 200);
            ClosedLoopLoad.Result within = ClosedLoopLoad.run(client, 4, body, 100, 500);
            ClosedLoopLoad.Result above = ClosedLoopLoad.run(client, 8, body, 100, 500);
            // At most one step to wait for at 4 <= max_batch; at 8 each request waits about one full request
            // (30 steps of 3 + 0.25 × 4 ms) for a slot.
            double step = 3.0 + 0.25 * 4;
            double withinWait = ClosedLoopLoad.median(within.timings("queue_wait_ms"));
            assertThat(withinWait).isLessThan(step * 2.5);
            double expectedWait = 30 * step;
            assertThat(ClosedLoopLoad.median(above.timings("queue_wait_ms")))
                    .isBetween(expectedWait * 0.6, expectedWait * 2.5)
                    .isGreaterThan(withinWait * 5);
        }
    }

    @Test
    void throughputRisesWithConcurrencyAndSaturatesAtMaxBatch() throws Exception {
        LatencyMode.Batching b = new LatencyMode.Batching(8, 4.0, 0.5, 0.005, 0, 0);
        int prompt = 40;
        int output = 40;
        String body = PlainClient.chat(prompt, output, true);
        Map<Integer, Double> measured = new LinkedHashMap<>();
        try (MockServer server = MockServer.start(MockServerConfig.defaults().withLatency(b))) {
            PlainClient client = new PlainClient(server.baseUrl());
            ClosedLoopLoad.run(client, 2, body, 0, 200);
            // Best of two rounds per level: a busy CPU only ever lowers throughput.
            for (int round = 0; round < 2; round++) {
                for (int c : new int[] {1, 4, 8, 16}) {
                    double t = ClosedLoopLoad.run(client, c, body, 150, 500).tokensPerSecond();
                    measured.merge(c, t, Math::max);
                }
            }
        }
        for (Map.Entry<Integer, Double> e : measured.entrySet()) {
            int batch = Math.min(e.getKey(), b.maxBatch());
            double predicted = 1000.0 * batch / predictedStepMs(b, batch, prompt, output);
            assertThat(e.getValue()).as("tokens/s at concurrency %d (predicted %.0f; all: %s)", e.getKey(),
                    predicted, measured).isBetween(predicted * 0.5, predicted * 1.1);
        }
        double rise = predictedStepMs(b, 1, prompt, output) * 8 / predictedStepMs(b, 8, prompt, output);
        assertThat(measured.get(8) / measured.get(1)).as("rise 1 -> 8, predicted %.2f: %s", rise, measured)
                .isGreaterThan(rise * 0.7);
        assertThat(measured.get(8)).isGreaterThan(measured.get(4)).isGreaterThan(measured.get(1));
        assertThat(measured.get(16) / measured.get(8)).as("saturated: %s", measured).isBetween(0.8, 1.2);
    }

    @Test
    void withAKvBudgetThroughputPeaksWhereTheBatchFitsAndFallsBeyond() throws Exception {
        // Each sequence holds at most 100 + 50 tokens, so 8 fit in 1,200: the peak is at concurrency 8.
        LatencyMode.Batching b = new LatencyMode.Batching(32, 2.0, 0.1, 0.02, 128, 1200);
        int prompt = 100;
        int output = 50;
        String body = PlainClient.chat(prompt, output, true);
        Map<Integer, Double> measured = new LinkedHashMap<>();
        try (MockServer server = MockServer.start(MockServerConfig.defaults().withLatency(b))) {
            PlainClient client = new PlainClient(server.baseUrl());
            ClosedLoopLoad.run(client, 2, body, 0, 200);
            for (int c : new int[] {4, 8}) {
                measured.put(c, ClosedLoopLoad.run(client, c, body, 200, 600).tokensPerSecond());
            }
            assertThat(server.preemptions()).as("no preemption while the batch fits").isZero();
            measured.put(32, ClosedLoopLoad.run(client, 32, body, 300, 600).tokensPerSecond());
            assertThat(server.preemptions()).as("preemptions beyond the KV budget").isPositive();
        }
        for (int c : new int[] {4, 8}) {
            double predicted = 1000.0 * c / predictedStepMs(b, c, prompt, output);
            assertThat(measured.get(c)).as("tokens/s at %d (predicted %.0f; all %s)", c, predicted, measured)
                    .isBetween(predicted * 0.5, predicted * 1.1);
        }
        assertThat(measured.get(8)).isGreaterThan(measured.get(4) * 1.15);
        // Beyond the budget about K / (prompt + output / 2) sequences decode while the rest are re-admitted and
        // preempted each step, so every step pays a full prefill chunk and the per-sequence cost of a full batch.
        double fitting = Math.floor(1200.0 / (prompt + output / 2.0));
        double thrashStep = b.stepBaseMs() + b.stepPerSeqMs() * 32 + b.prefillMsPerToken() * b.prefillChunkTokens();
        double predictedThrash = 1000.0 * fitting / thrashStep;
        assertThat(measured.get(32)).as("past the peak (predicted %.0f; all %s)", predictedThrash, measured)
                .isLessThan(measured.get(8) * 0.75)
                .isBetween(predictedThrash * 0.5, predictedThrash * 2.0);
    }

    @Test
    void aClientThatGoesAwayFreesItsBatchSlot() throws Exception {
        LatencyMode.Batching b = new LatencyMode.Batching(1, 5.0, 0.0, 0.0, 0, 0);
        try (MockServer server = MockServer.start(MockServerConfig.defaults().withLatency(b))) {
            PlainClient client = new PlainClient(server.baseUrl());
            // 2,000 tokens would hold the only slot for 10 s; the client reads three chunks and hangs up.
            java.net.http.HttpResponse<java.io.InputStream> r = client.http.send(
                    client.request("/v1/chat/completions", PlainClient.chat(4, 2000, true)),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(r.body()))) {
                int chunks = 0;
                while (chunks < 3) {
                    if (in.readLine().startsWith("data: ")) {
                        chunks++;
                    }
                }
            }
            long start = System.nanoTime();
            PlainClient.Stream next = client.stream("/v1/chat/completions", PlainClient.chat(4, 5, true));
            assertThat(next.tokenNanos()).hasSize(5);
            assertThat((System.nanoTime() - start) / 1e6).as("ms until the next request finished").isLessThan(3000);
            assertThat(next.timing().path("queue_wait_ms").asDouble()).isLessThan(2000);
        }
    }

    private static void assertItl(String what, double measured, double formula) {
        assertThat(measured).as("%s: measured %.2f ms vs formula %.2f ms", what, measured, formula)
                .isBetween(formula * 0.9, formula * 1.25 + 1.0);
    }

    private static void assertWithin(String what, double measured, double formula) {
        assertThat(measured).as("%s: measured %.2f ms vs formula %.2f ms", what, measured, formula)
                .isBetween(formula * 0.95, formula * 1.25 + 3.0);
    }
}
