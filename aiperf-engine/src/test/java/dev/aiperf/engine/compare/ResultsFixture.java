package dev.aiperf.engine.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.metrics.ProfileExportJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes synthetic per-run {@code profile_export_aiperf.json} files in AIPerf's layouts, for tests.
 * Each trial gets the given request latency p99 (ms) and request throughput (req/s); the other default metrics
 * are derived so that only the two named ones move.
 */
public final class ResultsFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path base;
    private String endpointType = "chat";
    private int requests = 100;
    private boolean independent;

    public ResultsFixture(Path base) {
        this.base = base;
    }

    /** Lays runs out as {@code <base>/<cell>/profile_runs/trial_NNNN/} instead of the repeated layout. */
    public ResultsFixture independent() {
        this.independent = true;
        return this;
    }

    public ResultsFixture endpointType(String type) {
        this.endpointType = type;
        return this;
    }

    public ResultsFixture requests(int n) {
        this.requests = n;
        return this;
    }

    /** One run per latency value in cell {@code concurrency=<concurrency>}; throughput stays {@code throughput}. */
    public ResultsFixture cell(Number concurrency, double throughput, double... latencyP99) {
        double[] tp = new double[latencyP99.length];
        java.util.Arrays.fill(tp, throughput);
        return cell(concurrency, tp, latencyP99);
    }

    /** One run per trial in cell {@code concurrency=<concurrency>} with per-trial throughput and latency p99. */
    public ResultsFixture cell(Number concurrency, double[] throughput, double[] latencyP99) {
        for (int t = 0; t < latencyP99.length; t++) {
            String cell = "concurrency_" + concurrency;
            String trial = String.format("trial_%04d", t + 1);
            Path dir = concurrency == null
                    ? (latencyP99.length == 1 ? base : base.resolve("profile_runs").resolve(trial.replace("trial", "run")))
                    : independent ? base.resolve(cell).resolve("profile_runs").resolve(trial)
                    : base.resolve("profile_runs").resolve(trial).resolve(cell);
            write(dir, concurrency, t, throughput[t], latencyP99[t]);
        }
        return this;
    }

    private void write(Path dir, Number concurrency, int trial, double throughput, double latencyP99) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", "1.5");
        root.set("request_latency", block("ms", Map.of("avg", latencyP99 * 0.8, "p50", latencyP99 * 0.75,
                "p99", latencyP99)));
        root.set("time_to_first_token", block("ms", Map.of("avg", 20.0, "p99", 25.0)));
        root.set("inter_token_latency", block("ms", Map.of("avg", 5.0, "p99", 6.0)));
        root.set("request_throughput", block("requests/sec", Map.of("avg", throughput)));
        root.set("output_token_throughput", block("tokens/sec", Map.of("avg", throughput * 100)));
        root.set("request_error_rate", block("%", Map.of("avg", 0.0)));
        root.set("request_count", block("requests", Map.of("avg", (double) requests)));
        ObjectNode config = root.putObject("input_config");
        config.putArray("models").add("mock-model");
        config.putObject("endpoint").put("type", endpointType).put("streaming", true)
                .putArray("urls").add("http://127.0.0.1:" + (40000 + trial) + "/v1/chat/completions");
        config.putArray("datasets").addObject().put("name", "main").putObject("prompts")
                .put("isl", 128).put("osl", 100);
        ObjectNode phase = config.putArray("phases").addObject().put("name", "profiling")
                .put("type", "concurrency").put("requests", requests);
        ObjectNode info = root.putObject("run_info");
        info.put("trial", trial);
        info.put("run_label", String.format("trial_%04d", trial + 1));
        info.put("random_seed", 42 + trial);
        if (concurrency != null) {
            phase.put("concurrency", concurrency.doubleValue());
            info.put("variation_label", "concurrency=" + concurrency);
            info.putObject("variation_values").putPOJO("phases.profiling.concurrency", concurrency);
        }
        try {
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(ProfileExportJson.FILE_NAME).toFile(), root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode block(String unit, Map<String, Double> stats) {
        ObjectNode n = JSON.createObjectNode();
        n.put("unit", unit);
        new LinkedHashMap<>(stats).forEach(n::put);
        return n;
    }
}
