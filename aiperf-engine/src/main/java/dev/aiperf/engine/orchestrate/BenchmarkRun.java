package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.client.OpenAiRequestBody;
import dev.aiperf.engine.config.BenchmarkConfig;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.dataset.ConversationSource;
import dev.aiperf.engine.dataset.Datasets;
import dev.aiperf.engine.dataset.InputsJsonWriter;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.engine.dataset.SyntheticDataset;
import dev.aiperf.engine.dataset.Tokenizers;
import dev.aiperf.engine.metrics.ErrorCount;
import dev.aiperf.engine.metrics.ExportHeader;
import dev.aiperf.engine.metrics.ProfileExportCsv;
import dev.aiperf.engine.metrics.ProfileExportJson;
import dev.aiperf.engine.metrics.RunMetrics;
import dev.aiperf.engine.metrics.RunRecorder;
import dev.aiperf.engine.metrics.SummaryTable;
import dev.aiperf.engine.run.LoadGenerator;
import dev.aiperf.engine.run.PhaseResult;
import dev.aiperf.engine.run.PhaseRunner;
import dev.aiperf.engine.run.ProgressListener;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One benchmark run end to end: synthetic dataset, Jetty client, phases in order, the recorder streaming
 * {@code profile_export.jsonl}, then {@code profile_export_aiperf.json}/{@code .csv} and {@code inputs.json}.
 * Whatever happens to requests, the files are written: a run whose every request failed still leaves its records
 * and an export that says so.
 */
public final class BenchmarkRun implements RunExecutor {

    /** Version string written into every export. */
    public static final String VERSION = "aiperf-java 0.1.0-SNAPSHOT";

    private final PrintStream summaryOut;
    private final HarnessWarmup harnessWarmup;

    /** A run that prints nothing and warms the harness first ({@link HarnessWarmup#DEFAULT}). */
    public BenchmarkRun() {
        this(null);
    }

    /** A run that prints the per-run summary table to {@code summaryOut} (single runs on the command line). */
    public BenchmarkRun(PrintStream summaryOut) {
        this(summaryOut, HarnessWarmup.DEFAULT);
    }

    /**
     * @param summaryOut    where to print the per-run summary table, or {@code null}
     * @param harnessWarmup how to warm the harness's own code before the first run of each request shape
     */
    public BenchmarkRun(PrintStream summaryOut, HarnessWarmup harnessWarmup) {
        this.summaryOut = summaryOut;
        this.harnessWarmup = harnessWarmup;
    }

    @Override
    public RunOutcome execute(RunRequest request) {
        BenchmarkConfig config = request.config();
        Path dir = request.runDir();
        long seed = request.runInfo().randomSeed();
        List<PhaseConfig> phases = request.skipWarmup() ? config.profilingPhases() : config.phases();
        String model = config.models().get(0);
        Tokenizer tokenizer = Tokenizers.forName(config.dataset().tokenizer());
        PhaseConfig profiling = phases.stream().filter(p -> !p.excludeFromResults()).findFirst().orElse(null);
        boolean openLoop = profiling != null && profiling.type().openLoop();
        boolean replayOnce = profiling != null && profiling.type() == PhaseType.FIXED_SCHEDULE;
        RunRecorder.Options recorderOptions = (openLoop
                ? RunRecorder.Options.openLoop(config.endpoint().streaming(),
                        profiling.type().needsRate() ? profiling.rate() : null)
                : RunRecorder.Options.closedLoop(config.endpoint().streaming())).withSlos(config.slos());
        harnessWarmup.ensure(config.endpoint(), tokenizer);
        Instant start = Instant.now();
        try {
            Files.createDirectories(dir);
            writeInputs(dir, config, model, seed, tokenizer);
            List<PhaseResult> results;
            RunMetrics metrics;
            boolean fromFile = config.dataset().type().fromFile();
            boolean warmupPhase = phases.stream().anyMatch(PhaseConfig::excludeFromResults);
            try (ConversationSource conversations = Datasets.open(config.dataset(), config.endpoint().type(), seed,
                         tokenizer, replayOnce);
                 ConversationSource warmup = fromFile && warmupPhase ? Datasets.open(config.dataset(),
                         config.endpoint().type(), seed, tokenizer, false) : null;
                 RunRecorder recorder = new RunRecorder(dir.resolve(RunRecorder.FILE_NAME), recorderOptions);
                 OpenAiClient client = new OpenAiClient(config.endpoint(), model, tokenizer,
                         LoadGenerator.connectionsNeeded(phases))) {
                PhaseRunner runner = new PhaseRunner(client, conversations, recorder).withWarmupConversations(warmup);
                results = new LoadGenerator(client, runner).run(phases, seed, request.cancel(),
                        progressAdapter(request.progress()));
                metrics = recorder.finish();
            }
            boolean cancelled = request.cancel().get() || results.stream().anyMatch(PhaseResult::interrupted);
            ExportHeader header = new ExportHeader(VERSION, start, Instant.now(), cancelled, request.inputConfig(),
                    request.runInfo());
            ProfileExportJson.write(dir.resolve(ProfileExportJson.FILE_NAME), metrics, header);
            ProfileExportCsv.write(dir.resolve(ProfileExportCsv.FILE_NAME), metrics);
            if (summaryOut != null) {
                summaryOut.print(SummaryTable.render(metrics));
            }
            if (cancelled) {
                return RunOutcome.cancelled();
            }
            return judge(metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the artifacts of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Most conversations {@code inputs.json} lists for a conversation or file dataset. */
    private static final int INPUTS_CONVERSATIONS = 1000;

    /**
     * {@code inputs.json}: every entry of a single-turn synthetic dataset, else the first conversations the run
     * will send (from a second, identical source: the run's own source streams once).
     */
    private static void writeInputs(Path dir, BenchmarkConfig config, String model, long seed, Tokenizer tokenizer)
            throws IOException {
        Function<Prompt, byte[]> encoder = prompt -> OpenAiRequestBody.encode(config.endpoint().type(), model,
                config.endpoint().streaming(), prompt);
        Path file = dir.resolve(InputsJsonWriter.FILE_NAME);
        if (config.dataset().type() == DatasetType.SYNTHETIC && !config.dataset().multiTurn()) {
            InputsJsonWriter.write(file, new SyntheticDataset(config.dataset(), config.endpoint().type(), seed,
                    tokenizer), encoder);
            return;
        }
        try (ConversationSource source = Datasets.preview(config.dataset(), config.endpoint().type(), seed,
                tokenizer)) {
            InputsJsonWriter.write(file, source, INPUTS_CONVERSATIONS, encoder);
        }
    }

    /** AIPerf's rule: a run without a single successful profiling request failed, and says how. */
    private static RunOutcome judge(RunMetrics metrics) {
        double ok = metrics.stat("request_count", "avg").orElse(0);
        double errors = metrics.stat("error_request_count", "avg").orElse(0);
        if (ok > 0) {
            return RunOutcome.ok();
        }
        if (errors > 0) {
            String kinds = metrics.errorSummary().stream().map(BenchmarkRun::describe)
                    .collect(Collectors.joining("; "));
            return RunOutcome.failed("All " + (long) errors + " requests failed" + (kinds.isEmpty() ? "" : ": " + kinds));
        }
        return RunOutcome.failed("No requests completed");
    }

    /** {@code connection_error x200 (Connection refused: /127.0.0.1:8000)}. */
    private static String describe(ErrorCount e) {
        return e.type() + (e.code() == null ? "" : " " + e.code()) + " x" + e.count()
                + (e.message() == null || e.message().isBlank() ? "" : " (" + e.message() + ")");
    }

    private static ProgressListener progressAdapter(RunProgress progress) {
        if (progress == RunProgress.NONE) {
            return ProgressListener.NONE;
        }
        return progress::update;
    }
}
