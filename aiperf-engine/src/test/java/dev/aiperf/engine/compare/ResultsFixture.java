package dev.aiperf.engine.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.metrics.ProfileExportJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes synthetic per-run {@code profile_export_aiperf.json} files in AIPerf's layouts, for tests.
 * Each trial gets the given request latency p99 (ms) and request throughput (req/s); the other default metrics
 * are derived so that only the two named ones move. Trials can then be marked failed or cancelled the ways a real
 * run shows it ({@link #status}, {@link #wasCancelled}, {@link #allRequestsFailed}, {@link #failedWithoutExport}).
 */
public final class ResultsFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path base;
    private final Map<String, Path> runDirs = new HashMap<>();
    private String endpointType = "chat";
    private int requests = 100;
    private boolean independent;
    private boolean runStatus;

    public ResultsFixture(Path base) {
        this.base = base;
    }

    /** Lays runs out as {@code <base>/<cell>/profile_runs/trial_NNNN/} instead of the repeated layout. */
    public ResultsFixture independent() {
        this.independent = true;
        return this;
    }

    /** Also writes {@code run_status.json} saying ok beside every export written from now on, as real runs do. */
    public ResultsFixture withRunStatus() {
        this.runStatus = true;
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
            Path dir = runDir(concurrency, t, latencyP99.length);
            write(dir, concurrency, t, throughput[t], latencyP99[t]);
            runDirs.put(concurrency + "#" + t, dir);
            if (runStatus) {
                writeStatus(dir, concurrency, t, "ok", null);
            }
        }
        return this;
    }

    /** The directory of trial {@code t} (0-based) of a cell with {@code trials} trials, in this fixture's layout. */
    private Path runDir(Number concurrency, int t, int trials) {
        String cell = "concurrency_" + concurrency;
        String trial = String.format("trial_%04d", t + 1);
        return concurrency == null
                ? (trials == 1 ? base : base.resolve("profile_runs").resolve(trial.replace("trial", "run")))
                : independent ? base.resolve(cell).resolve("profile_runs").resolve(trial)
                : base.resolve("profile_runs").resolve(trial).resolve(cell);
    }

    private Path written(Number concurrency, int trial) {
        Path dir = runDirs.get(concurrency + "#" + trial);
        if (dir == null) {
            throw new IllegalArgumentException("no trial " + trial + " written for concurrency " + concurrency);
        }
        return dir;
    }

    /**
     * Writes {@code run_status.json} with {@code status} ({@code ok}, {@code failed}, {@code cancelled}) and
     * {@code error} into the directory of trial {@code trial} (0-based) of a cell written before; its export stays.
     */
    public ResultsFixture status(Number concurrency, int trial, String status, String error) {
        writeStatus(written(concurrency, trial), concurrency, trial, status, error);
        return this;
    }

    /** Sets {@code was_cancelled: true} in the export of a trial written before (no run status is written). */
    public ResultsFixture wasCancelled(Number concurrency, int trial) {
        return editExport(concurrency, trial, root -> root.put("was_cancelled", true));
    }

    /** Makes a trial written before one whose {@code errors} requests all failed: request_count 0 (no run status). */
    public ResultsFixture allRequestsFailed(Number concurrency, int trial, int errors) {
        return editExport(concurrency, trial, root -> {
            ((ObjectNode) root.get("request_count")).put("avg", 0.0);
            root.set("error_request_count", block("requests", Map.of("avg", (double) errors)));
        });
    }

    /**
     * A run that wrote no export, only {@code run_status.json} saying failed: trial {@code trial} (0-based) of a cell
     * of {@code trials} trials.
     */
    public ResultsFixture failedWithoutExport(Number concurrency, int trial, int trials, String error) {
        Path dir = runDir(concurrency, trial, trials);
        writeStatus(dir, concurrency, trial, "failed", error);
        runDirs.put(concurrency + "#" + trial, dir);
        return this;
    }

    private ResultsFixture editExport(Number concurrency, int trial, java.util.function.Consumer<ObjectNode> edit) {
        Path file = written(concurrency, trial).resolve(ProfileExportJson.FILE_NAME);
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
            edit.accept(root);
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    private static void writeStatus(Path dir, Number concurrency, int trial, String status, String error) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status);
        root.put("error", error);
        root.set("run_info", runInfo(concurrency, trial));
        try {
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("run_status.json").toFile(), root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode runInfo(Number concurrency, int trial) {
        ObjectNode info = JSON.createObjectNode();
        info.put("trial", trial);
        info.put("run_label", String.format("trial_%04d", trial + 1));
        info.put("random_seed", 42 + trial);
        if (concurrency != null) {
            info.put("variation_label", "concurrency=" + concurrency);
            info.putObject("variation_values").putPOJO("phases.profiling.concurrency", concurrency);
        }
        return info;
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
        root.set("run_info", runInfo(concurrency, trial));
        if (concurrency != null) {
            phase.put("concurrency", concurrency.doubleValue());
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
