package dev.aiperf.mock;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** 1,000 streaming connections open at once on loopback, all answered in full. */
class MockServerConnectionsTest {

    @Test
    void holdsOneThousandConcurrentStreams() throws Exception {
        int streams = 1000;
        // The first token comes 3 s after arrival, so every stream is open before any finishes; 8 short tokens
        // keep the test quick.
        MockServerConfig config = MockServerConfig.defaults().withLatency(new LatencyMode.OpenLoop(3000, 2));
        try (MockServer server = MockServer.start(config)) {
            PlainClient client = new PlainClient(server.baseUrl());
            String body = PlainClient.chat(8, 8, true);
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                futures.add(client.http.sendAsync(client.request("/v1/chat/completions", body),
                        HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (CompletableFuture<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).endsWith("data: [DONE]\n\n");
                assertThat(r.body().split("\"choices\":\\[\\{", -1)).hasSize(8 + 1);
            }
            assertThat(server.maxConcurrentCompletions()).isEqualTo(streams);
            // Counted in each stream's last write callback, which may run just after the client has the body.
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (server.requestsServed() < streams && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(server.requestsServed()).isEqualTo(streams);
        }
    }
}
