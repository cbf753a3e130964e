package dev.aiperf.cli;

import dev.aiperf.engine.api.model.ProfileOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * The flags of {@code aiperf profile} (and {@code plan}) with AIPerf's names, as a picocli {@code @Mixin}. Every
 * field is {@code null} unless given, so only what the user typed overrides the YAML; {@link #toOptions()} hands
 * them to the engine as its one configuration model, which the Maven plugin fills from its parameters too.
 * Numeric flags that accept magic lists ({@code --concurrency 1,2,4}) are kept as strings.
 *
 * <p>The API key is never printed: this class keeps {@link Object#toString()}.
 */
public class ProfileFlags {

    /** The adaptive-search and recipe flags ({@code --search-recipe}, {@code --search-space}, ...). */
    @Mixin
    SearchRecipeFlags search = new SearchRecipeFlags();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (AIPerf envelope); flags override it.")
    Path config;

    @Option(names = {"--model", "-m"}, paramLabel = "NAME", split = ",",
            description = "Model name(s) sent in requests (repeatable or comma-separated).")
    List<String> models;

    @Option(names = {"--url", "-u"}, paramLabel = "URL",
            description = "Base URL (the endpoint type's path is appended) or full endpoint URL; repeatable.")
    List<String> urls;

    @Option(names = "--endpoint-type", paramLabel = "TYPE", description = "chat (default), completions or embeddings.")
    String endpointType;

    @Option(names = "--streaming", description = "Request SSE streaming responses.")
    Boolean streaming;

    @Option(names = "--http2",
            description = "Send HTTP/2 over cleartext (h2c, prior knowledge) instead of HTTP/1.1; http:// URLs only.")
    Boolean http2;

    @Option(names = "--concurrency", paramLabel = "N[,N...]",
            description = "Concurrent requests; a comma list sweeps phases.profiling.concurrency.")
    String concurrency;

    @Option(names = "--request-rate", paramLabel = "R[,R...]",
            description = "Requests per second (open loop); a comma list sweeps phases.profiling.rate.")
    String requestRate;

    @Option(names = "--request-rate-mode", paramLabel = "MODE", description = "constant or poisson (default).")
    String requestRateMode;

    @Option(names = "--user-centric-rate", paramLabel = "R",
            description = "Total requests per second spread over --num-users users (a user-centric phase): each user"
                    + " keeps its own session and sends a turn every users / R seconds.")
    String userCentricRate;

    @Option(names = "--request-count", paramLabel = "N[,N...]", description = "Requests to send in the profiling phase.")
    String requestCount;

    @Option(names = "--benchmark-duration", paramLabel = "S[,S...]", description = "Profiling phase duration in seconds.")
    String benchmarkDuration;

    @Option(names = "--benchmark-grace-period", paramLabel = "S",
            description = "Seconds to wait for in-flight requests after the duration (default 30).")
    String benchmarkGracePeriod;

    @Option(names = "--warmup-request-count", paramLabel = "N",
            description = "Requests of a warmup phase before profiling (excluded from results); 0 removes it.")
    Integer warmupRequestCount;

    @Option(names = "--harness-warmup-requests", paramLabel = "N",
            description = "Requests sent once per JVM to an in-process zero-latency server before the first run, so "
                    + "the harness's own code is compiled before it measures (default 500); 0 turns it off. "
                    + "Never touches the server under test.")
    Integer harnessWarmupRequests;

    @Option(names = {"--isl", "--synthetic-input-tokens-mean"}, paramLabel = "N[,N...]",
            description = "Input sequence length mean (tokens).")
    String isl;

    @Option(names = {"--isl-stddev", "--synthetic-input-tokens-stddev"}, paramLabel = "N[,N...]",
            description = "Input sequence length standard deviation.")
    String islStddev;

    @Option(names = {"--osl", "--output-tokens-mean"}, paramLabel = "N[,N...]",
            description = "Output sequence length mean, sent as max_tokens.")
    String osl;

    @Option(names = {"--osl-stddev", "--output-tokens-stddev"}, paramLabel = "N[,N...]",
            description = "Output sequence length standard deviation.")
    String oslStddev;

    @Option(names = "--random-seed", paramLabel = "N", description = "Seed of every random choice.")
    Long randomSeed;

    @Option(names = {"--artifact-dir", "--output-artifact-dir"}, paramLabel = "DIR", description = "Artifact base directory.")
    String artifactDir;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Bearer token (else env AIPERF_API_KEY or OPENAI_API_KEY); never written or logged.")
    String apiKey;

    @Option(names = {"--header", "-H"}, paramLabel = "K:V", description = "Extra request header (repeatable).")
    List<String> headers;

    @Option(names = "--request-timeout-seconds", paramLabel = "S", description = "Per-request timeout (default 600).")
    Double requestTimeoutSeconds;

    @Option(names = "--ui", paramLabel = "UI", description = "simple (default), none, or dashboard (single runs only).")
    String ui;

    @Option(names = "--tokenizer", paramLabel = "NAME",
            description = "Tokenizer: a jtokkit encoding (default cl100k_base) or a tokenizer.json path.")
    String tokenizer;

    @Option(names = "--use-server-token-count", description = "Count tokens from the server's usage field.")
    Boolean useServerTokenCount;

    @Option(names = "--prefill-concurrency", paramLabel = "N[,N...]",
            description = "Ceiling on requests awaiting their first token (streaming).")
    String prefillConcurrency;

    @Option(names = {"--num-conversations", "--num-sessions"}, paramLabel = "N[,N...]",
            description = "Conversations (phases.profiling.sessions).")
    String numConversations;

    @Option(names = "--num-users", paramLabel = "N[,N...]", description = "Simulated users (phases.profiling.users).")
    String numUsers;

    @Option(names = "--conversation-turn-mean", paramLabel = "N[,N...]", description = "Mean turns per conversation.")
    String conversationTurnMean;

    @Option(names = "--input-file", paramLabel = "FILE",
            description = "Dataset file (datasets.main.path): single_turn/multi_turn/mooncake_trace/random_pool JSONL or"
                    + " ShareGPT JSON. A trace with timestamps replays on a fixed schedule unless a load flag is given.")
    String inputFile;

    @Option(names = "--custom-dataset-type", paramLabel = "TYPE",
            description = "Format of --input-file: single_turn, multi_turn, mooncake_trace, random_pool or sharegpt"
                    + " (default: read from the file's first record).")
    String customDatasetType;

    @Option(names = {"--conversation-turn-stddev", "--session-turns-stddev"}, paramLabel = "N",
            description = "Standard deviation of the turns per synthetic conversation (default 0).")
    Integer conversationTurnStddev;

    @Option(names = {"--conversation-turn-delay-mean", "--session-turn-delay-mean"}, paramLabel = "MS",
            description = "Mean think time between a response and the conversation's next turn, in ms (default 0).")
    Double conversationTurnDelayMean;

    @Option(names = {"--conversation-turn-delay-stddev", "--session-turn-delay-stddev"}, paramLabel = "MS",
            description = "Standard deviation of the think time between turns, in ms (default 0).")
    Double conversationTurnDelayStddev;

    @Option(names = "--fixed-schedule", negatable = true,
            description = "Send each request at its trace timestamp (phases.profiling.type: fixed-schedule);"
                    + " --no-fixed-schedule keeps a timestamped trace closed-loop instead of switching automatically.")
    Boolean fixedSchedule;

    @Option(names = "--fixed-schedule-auto-offset", negatable = true,
            description = "Shift the trace so its first timestamp is sent at once (default on; off with a start"
                    + " offset).")
    Boolean fixedScheduleAutoOffset;

    @Option(names = "--fixed-schedule-start-offset", paramLabel = "MS",
            description = "Replay only trace entries at or after this timestamp (ms).")
    Double fixedScheduleStartOffset;

    @Option(names = "--fixed-schedule-end-offset", paramLabel = "MS",
            description = "Replay only trace entries at or before this timestamp (ms).")
    Double fixedScheduleEndOffset;

    @Option(names = "--fixed-schedule-speedup", paramLabel = "X",
            description = "Replay the trace X times faster than recorded (default 1).")
    Double fixedScheduleSpeedup;

    @Option(names = "--request-cancellation-rate", paramLabel = "PCT",
            description = "Percentage (0-100) of requests to abort on purpose; cancelled requests are counted apart.")
    Double requestCancellationRate;

    @Option(names = "--request-cancellation-delay", paramLabel = "S",
            description = "Seconds after sending at which a cancelled request is aborted (default 0).")
    Double requestCancellationDelay;

    @Option(names = {"--sweep-type", "--parameter-sweep-mode"}, paramLabel = "TYPE",
            description = "How magic lists combine: grid (default, cross product) or zip (element-wise).")
    String sweepType;

    @Option(names = "--parameter-sweep-same-seed", negatable = true,
            description = "Give every sweep variation the same seed (default: seed + variation index).")
    Boolean parameterSweepSameSeed;

    @Option(names = "--parameter-sweep-cooldown-seconds", paramLabel = "S", description = "Idle time between variations.")
    Double parameterSweepCooldownSeconds;

    @Option(names = "--num-profile-runs", paramLabel = "N", description = "Trials per configuration (1..10).")
    Integer numProfileRuns;

    @Option(names = "--profile-run-cooldown-seconds", paramLabel = "S", description = "Idle time between trials.")
    Double profileRunCooldownSeconds;

    @Option(names = "--confidence-level", paramLabel = "L", description = "Confidence level of intervals (default 0.95).")
    Double confidenceLevel;

    @Option(names = "--sla", paramLabel = "METRIC:STAT:OP:THR",
            description = "A gate, e.g. time_to_first_token:p99:lt:200 (repeatable); a breach exits with 2.")
    List<String> sla;

    @Option(names = "--convergence-metric", paramLabel = "TAG",
            description = "Stop a cell's trials early once this metric converges (multi_run.convergence.metric),"
                    + " e.g. request_throughput; needs --num-profile-runs >= 2.")
    String convergenceMetric;

    @Option(names = "--convergence-stat", paramLabel = "STAT",
            description = "Statistic of the convergence metric (default avg).")
    String convergenceStat;

    @Option(names = "--convergence-mode", paramLabel = "MODE",
            description = "ci_width (default: relative confidence-interval width), cv (coefficient of variation) or"
                    + " distribution (KS test of the last trial against the earlier ones).")
    String convergenceMode;

    @Option(names = "--convergence-threshold", paramLabel = "T",
            description = "Threshold of the criterion in (0, 1); defaults 0.10 (ci_width), 0.05 (cv, distribution).")
    Double convergenceThreshold;

    @Option(names = "--convergence-min-runs", paramLabel = "N",
            description = "Trials before convergence is judged (default 2).")
    Integer convergenceMinRuns;

    /** The flags as the engine's options; {@code null} for every flag not given. */
    public ProfileOptions toOptions() {
        return ProfileOptions.builder()
                .config(config)
                .models(models)
                .urls(urls)
                .endpointType(endpointType)
                .streaming(streaming)
                .http2(http2)
                .concurrency(concurrency)
                .requestRate(requestRate)
                .requestRateMode(requestRateMode)
                .userCentricRate(userCentricRate)
                .requestCount(requestCount)
                .benchmarkDuration(benchmarkDuration)
                .benchmarkGracePeriod(benchmarkGracePeriod)
                .warmupRequestCount(warmupRequestCount)
                .harnessWarmupRequests(harnessWarmupRequests)
                .isl(isl)
                .islStddev(islStddev)
                .osl(osl)
                .oslStddev(oslStddev)
                .randomSeed(randomSeed)
                .artifactDir(artifactDir == null ? null : Path.of(artifactDir))
                .apiKey(apiKey)
                .headers(headers)
                .requestTimeoutSeconds(requestTimeoutSeconds)
                .ui(ui)
                .tokenizer(tokenizer)
                .useServerTokenCount(useServerTokenCount)
                .prefillConcurrency(prefillConcurrency)
                .numConversations(numConversations)
                .numUsers(numUsers)
                .conversationTurnMean(conversationTurnMean)
                .inputFile(inputFile == null ? null : Path.of(inputFile))
                .customDatasetType(customDatasetType)
                .conversationTurnStddev(conversationTurnStddev)
                .conversationTurnDelayMean(conversationTurnDelayMean)
                .conversationTurnDelayStddev(conversationTurnDelayStddev)
                .fixedSchedule(fixedSchedule)
                .fixedScheduleAutoOffset(fixedScheduleAutoOffset)
                .fixedScheduleStartOffset(fixedScheduleStartOffset)
                .fixedScheduleEndOffset(fixedScheduleEndOffset)
                .fixedScheduleSpeedup(fixedScheduleSpeedup)
                .requestCancellationRate(requestCancellationRate)
                .requestCancellationDelay(requestCancellationDelay)
                .sweepType(sweepType)
                .parameterSweepSameSeed(parameterSweepSameSeed)
                .parameterSweepCooldownSeconds(parameterSweepCooldownSeconds)
                .numProfileRuns(numProfileRuns)
                .profileRunCooldownSeconds(profileRunCooldownSeconds)
                .confidenceLevel(confidenceLevel)
                .convergenceMetric(convergenceMetric)
                .convergenceStat(convergenceStat)
                .convergenceMode(convergenceMode)
                .convergenceThreshold(convergenceThreshold)
                .convergenceMinRuns(convergenceMinRuns)
                .sla(sla)
                .search(search.toOptions())
                .build();
    }
}
