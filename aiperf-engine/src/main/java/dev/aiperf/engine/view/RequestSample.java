package dev.aiperf.engine.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The per-request values of one run's {@code profile_export.jsonl}, read in one streaming pass (a
 * 1,000,000-request file is read without a tree per line): send time, end time, TTFT, ITL, latency and whether the
 * request failed. Only the profiling phase counts, as in the run's statistics.
 */
final class RequestSample {

    /** Metrics whose distributions the report draws, as in the export. */
    static final String[] METRICS = {"time_to_first_token", "inter_token_latency", "request_latency"};

    private static final JsonFactory FACTORY = new JsonFactory();

    private int n;
    private long[] startNs = new long[1024];
    private double[][] values = new double[METRICS.length][1024];
    private boolean[] error = new boolean[1024];

    private RequestSample() {
    }

    static RequestSample read(Path jsonl) {
        RequestSample s = new RequestSample();
        try (JsonParser p = FACTORY.createParser(Files.newInputStream(jsonl))) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                s.record(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl + ": " + e.getMessage(), e);
        }
        return s;
    }

    private void record(JsonParser p) throws IOException {
        long start = Long.MIN_VALUE;
        boolean profiling = true;
        boolean failed = false;
        double[] v = {Double.NaN, Double.NaN, Double.NaN};
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "metadata" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        p.nextToken();
                        if (f.equals("request_start_ns")) {
                            start = p.getLongValue();
                        } else if (f.equals("benchmark_phase")) {
                            profiling = "profiling".equals(p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                case "metrics" -> readMetrics(p, v);
                case "error" -> {
                    failed = t != JsonToken.VALUE_NULL;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        if (profiling && start != Long.MIN_VALUE) {
            add(start, v, failed);
        }
    }

    private static void readMetrics(JsonParser p, double[] v) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int m = Arrays.asList(METRICS).indexOf(p.currentName());
            p.nextToken();
            if (m < 0) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (f.equals("value") && t.isNumeric()) {
                    v[m] = p.getDoubleValue();
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private void add(long start, double[] v, boolean failed) {
        if (n == startNs.length) {
            int cap = n * 2;
            startNs = Arrays.copyOf(startNs, cap);
            error = Arrays.copyOf(error, cap);
            for (int m = 0; m < METRICS.length; m++) {
                values[m] = Arrays.copyOf(values[m], cap);
            }
        }
        startNs[n] = start;
        error[n] = failed;
        for (int m = 0; m < METRICS.length; m++) {
            values[m][n] = v[m];
        }
        n++;
    }

    int size() {
        return n;
    }

    long startNs(int i) {
        return startNs[i];
    }

    boolean failed(int i) {
        return error[i];
    }

    /** The metric's value of request {@code i} in its display unit (ms), NaN when the request has none. */
    double value(int metric, int i) {
        return values[metric][i];
    }

    /**
     * The metric's values of the successful requests at percentiles 0, 1, ..., 100, by linear interpolation between
     * closest ranks (the export's percentile rule, so p50/p90/p99 equal the run's own statistics); empty when no
     * request has a value.
     */
    double[] percentiles(int metric) {
        double[] sorted = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double x = values[metric][i];
            if (!error[i] && !Double.isNaN(x)) {
                sorted[k++] = x;
            }
        }
        if (k == 0) {
            return new double[0];
        }
        sorted = Arrays.copyOf(sorted, k);
        Arrays.sort(sorted);
        double[] out = new double[101];
        for (int q = 0; q <= 100; q++) {
            double rank = q / 100.0 * (k - 1);
            int lo = (int) Math.floor(rank);
            int hi = Math.min(lo + 1, k - 1);
            out[q] = sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
        }
        return out;
    }
}
