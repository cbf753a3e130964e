package dev.aiperf.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.aiperf.mock.PrefixCacheTest.words;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prefix cache over HTTP, read from the server's own account: a shared leading prefix is reported as cached
 * and is not prefilled again, so TTFT drops by its prefill time; the LRU bound; the counters; the KV budget.
 */
class MockServerPrefixCacheTest {
    /** Unchunked prefill at 0.01 ms per token: 2,000 tokens cost 20 ms, 400 cost 4 ms, on a 0.4 ms step. */
    private static final LatencyMode.Batching MODEL = new LatencyMode.Batching(8, 0.4, 0.0125, 0.01, 0, 0);

    private static String body(String prompt, boolean stream) {
        return "{\"model\":\"mock-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                + "\"}],\"max_tokens\":4,\"ignore_eos\":true,\"stream\":" + stream
                + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    /** Server-side TTFT and cached tokens of one non-streaming request, checking header and usage agree. */
    private record Seen(double ttftMs, int cachedTokens) {
    }

    private static Seen send(PlainClient client, String prompt) {
        HttpResponse<String> r = client.post("/v1/chat/completions", body(prompt, false));
        assertThat(r.statusCode()).isEqualTo(200);
        int header = Integer.parseInt(r.headers().firstValue("x-mock-cached-tokens").orElseThrow());
        JsonNode cached = PlainClient.json(r.body()).at("/usage/prompt_tokens_details/cached_tokens");
        assertThat(cached.isInt()).as("usage.prompt_tokens_details.cached_tokens in %s", r.body()).isTrue();
        assertThat(cached.asInt()).isEqualTo(header);
        return new Seen(Double.parseDouble(r.headers().firstValue("x-mock-ttft-ms").orElseThrow()), header);
    }

    @Test
    void aSharedLeadingPrefixIsCachedAndCutsTtftByItsPrefill() {
        MockServerConfig config = MockServerConfig.defaults().withLatency(MODEL)
                .withPrefixCache(PrefixCacheConfig.defaults());
        try (MockServer server = MockServer.start(config)) {
            PlainClient client = new PlainClient(server.baseUrl());
            // Warms the request path (parsing and hashing 2,000-word bodies) so that the rounds measure the model.
            for (int i = 0; i < 10; i++) {
                send(client, words("warm" + i + "x", 2000));
            }
            List<Double> shared = new ArrayList<>();
            List<Double> fresh = new ArrayList<>();
            int rounds = 5;
            for (int round = 0; round < rounds; round++) {
                String prefix = words("p" + round + "x", 1600);
                Seen first = send(client, prefix + " " + words("q" + round + "x", 400));
                Seen second = send(client, prefix + " " + words("r" + round + "x", 400));
                Seen control = send(client, words("s" + round + "x", 2000));
                assertThat(first.cachedTokens()).isZero();
                assertThat(second.cachedTokens()).isEqualTo(1600);
                assertThat(control.cachedTokens()).isZero();
                shared.add(second.ttftMs());
                fresh.add(control.ttftMs());
            }
            double sharedBest = shared.stream().min(Double::compare).orElseThrow();
            double freshBest = fresh.stream().min(Double::compare).orElseThrow();
            // Formula: step 0.4 + 0.0125 + 0.01 × prefilled tokens. Noise (timer slack, a loaded CPU) only adds,
            // so the lower bounds are tight; the upper ones only say that the shared prefix was not prefilled.
            double sharedFormula = 0.4125 + 0.01 * 400;
            double freshFormula = 0.4125 + 0.01 * 2000;
            String seen = String.format("shared %s (formula %.2f), fresh %s (formula %.2f)", shared, sharedFormula,
                    fresh, freshFormula);
            System.out.println("prefix cache TTFT ms: " + seen);
            assertThat(sharedBest).as(seen).isBetween(sharedFormula * 0.95, freshFormula * 0.9);
            assertThat(freshBest).as(seen).isGreaterThanOrEqualTo(freshFormula * 0.95);
            assertThat(ClosedLoopLoad.median(sort(fresh)) - ClosedLoopLoad.median(sort(shared))).as(seen)
                    .isGreaterThan(0.01 * 1600 / 2);

            MockStats stats = server.stats();
            // 10 warm-ups and 5 rounds of 3 prompts of 2,000 tokens queried; 5 × 1,600 found.
            assertThat(stats.prefixCacheQueries()).isEqualTo((10 + rounds * 3) * 2000);
            assertThat(stats.prefixCacheHits()).isEqualTo(rounds * 1600);
            assertThat(stats.prefixCacheHitRate()).isEqualTo(rounds * 1600.0 / ((10 + rounds * 3) * 2000));
            assertThat(stats.prefixCacheBlocks()).isEqualTo(10 * 125 + rounds * (125 + 25 + 125));
            assertThat(stats.completionRequests()).isEqualTo(10 + rounds * 3);
        }
    }

    private static List<Double> sort(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        copy.sort(Double::compare);
        return copy;
    }

    @Test
    void streamingReportsCachedTokensInItsHeaderAndUsageChunk() {
        try (MockServer server = MockServer.start(MockServerConfig.fast()
                .withPrefixCache(PrefixCacheConfig.defaults()))) {
            PlainClient client = new PlainClient(server.baseUrl());
            String prompt = words("a", 70);
            PlainClient.Stream first = client.stream("/v1/chat/completions", body(prompt, true));
            PlainClient.Stream second = client.stream("/v1/chat/completions", body(prompt, true));
            assertThat(first.headers().firstValue("x-mock-cached-tokens")).hasValue("0");
            assertThat(second.headers().firstValue("x-mock-cached-tokens")).hasValue("64");
            JsonNode usage = second.chunks().stream().filter(c -> c.has("usage")).findFirst().orElseThrow();
            assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(70);
            assertThat(usage.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(64);
        }
    }

    @Test
    void aMultiTurnConversationHitsItsEarlierTurnsAndTheLogSaysSo() {
        try (MockServer server = MockServer.start(MockServerConfig.fast()
                .withPrefixCache(PrefixCacheConfig.defaults()))) {
            PlainClient client = new PlainClient(server.baseUrl());
            String turn1 = words("t", 40);
            HttpResponse<String> r1 = client.post("/v1/chat/completions", body(turn1, false), "X-Session-ID", "c");
            String answer = PlainClient.json(r1.body()).at("/choices/0/message/content").asText();
            String turn2 = "{\"model\":\"m\",\"max_tokens\":4,\"ignore_eos\":true,\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"" + turn1 + "\"},"
                    + "{\"role\":\"assistant\",\"content\":\"" + answer + "\"},"
                    + "{\"role\":\"user\",\"content\":\"and then\"}]}";
            HttpResponse<String> r2 = client.post("/v1/chat/completions", turn2, "X-Session-ID", "c");
            // Turn 1's two full blocks (32 of its 40 tokens) were cached; its tail and the answer are prefilled.
            assertThat(r2.headers().firstValue("x-mock-cached-tokens")).hasValue("32");
            assertThat(server.sessionLog().requests("c")).extracting(LoggedRequest::cachedTokens)
                    .containsExactly(0, 32);
        }
    }

    @Test
    void leastRecentlyUsedBlocksAreEvictedAtCapacity() {
        // 6 blocks of 16: two 64-token prompts (4 blocks each) do not both fit.
        try (MockServer server = MockServer.start(MockServerConfig.fast()
                .withPrefixCache(new PrefixCacheConfig(16, 6)))) {
            PlainClient client = new PlainClient(server.baseUrl());
            String a = words("a", 65);
            String b = words("b", 65);
            assertThat(send(client, a).cachedTokens()).isZero();
            assertThat(send(client, b).cachedTokens()).isZero();
            // A's two tail blocks made room for B; its two head blocks are still there. A's prefill puts its tail
            // back, in place of B's least recently used blocks, B's tail; and so on.
            assertThat(send(client, a).cachedTokens()).isEqualTo(32);
            assertThat(send(client, b).cachedTokens()).isEqualTo(32);
            assertThat(server.stats().prefixCacheEvictions()).isEqualTo(6);
            assertThat(server.stats().prefixCacheBlocks()).isEqualTo(6);
            server.clearPrefixCache();
            assertThat(send(client, b).cachedTokens()).isZero();
        }
    }

    @Test
    void offAndZeroLatencyReportNoCachedTokens() {
        for (MockServerConfig config : List.of(MockServerConfig.fast(),
                MockServerConfig.zeroLatency().withPrefixCache(PrefixCacheConfig.defaults()))) {
            try (MockServer server = MockServer.start(config)) {
                PlainClient client = new PlainClient(server.baseUrl());
                String prompt = words("a", 100);
                send(client, prompt);
                assertThat(send(client, prompt).cachedTokens()).isZero();
                assertThat(server.stats().prefixCacheQueries()).isZero();
            }
        }
    }

    @Test
    void underAKvBudgetPreemptedSequencesFinishAndAreCounted() throws Exception {
        // Each sequence holds its whole context, cached prefix included: 8 × (96 + 60) = 1,248 > 400 tokens.
        LatencyMode.Batching kv = new LatencyMode.Batching(8, 0.2, 0.0, 0.001, 0, 400);
        try (MockServer server = MockServer.start(MockServerConfig.defaults().withLatency(kv)
                .withPrefixCache(PrefixCacheConfig.defaults()))) {
            PlainClient client = new PlainClient(server.baseUrl());
            String shared = words("sys", 96);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<HttpResponse<String>>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String body = "{\"model\":\"m\",\"max_tokens\":60,\"ignore_eos\":true,\"messages\":[{\"role\":"
                            + "\"user\",\"content\":\"" + shared + " " + words("u" + i + "x", 8) + "\"}]}";
                    futures.add(pool.submit(() -> client.post("/v1/chat/completions", body)));
                }
                for (Future<HttpResponse<String>> f : futures) {
                    HttpResponse<String> r = f.get();
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(PlainClient.json(r.body()).at("/usage/completion_tokens").asInt()).isEqualTo(60);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(server.stats().preemptions()).isPositive().isEqualTo(server.preemptions());
        }
    }
}
