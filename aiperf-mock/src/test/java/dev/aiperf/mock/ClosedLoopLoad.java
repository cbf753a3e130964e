package dev.aiperf.mock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code concurrency} clients each streaming one request after another; token throughput is counted from the read
 * times of token chunks inside a measurement window after a warm-up, so partial requests at the edges count exactly.
 */
final class ClosedLoopLoad {
    record Result(double tokensPerSecond, List<PlainClient.Stream> streams) {
        List<Double> timings(String field) {
            List<Double> out = new ArrayList<>();
            for (PlainClient.Stream s : streams) {
                out.add(s.timing().path(field).asDouble());
            }
            Collections.sort(out);
            return out;
        }
    }

    static Result run(PlainClient client, int concurrency, String body, long warmupMs, long windowMs)
            throws Exception {
        long start = System.nanoTime();
        long from = start + warmupMs * 1_000_000;
        long to = from + windowMs * 1_000_000;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<List<PlainClient.Stream>>> futures = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                futures.add(pool.submit(() -> {
                    List<PlainClient.Stream> mine = new ArrayList<>();
                    while (System.nanoTime() < to) {
                        PlainClient.Stream s = client.stream("/v1/chat/completions", body);
                        if (s.status() != 200) {
                            throw new AssertionError("status " + s.status() + ": " + s.raw());
                        }
                        mine.add(s);
                    }
                    return mine;
                }));
            }
            List<PlainClient.Stream> all = new ArrayList<>();
            for (Future<List<PlainClient.Stream>> f : futures) {
                all.addAll(f.get());
            }
            long tokens = 0;
            for (PlainClient.Stream s : all) {
                for (long t : s.tokenNanos()) {
                    if (t >= from && t < to) {
                        tokens++;
                    }
                }
            }
            return new Result(tokens * 1000.0 / windowMs, all);
        } finally {
            pool.shutdownNow();
        }
    }

    static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
