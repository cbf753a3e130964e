package dev.aiperf.engine.api.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code aiperf profile} accepts, as one typed value: the configuration model every front-end fills
 * (the command line from its flags, the Maven plugin from its {@code aiperf.*} parameters, the JUnit extension
 * from its annotations). Every value is {@code null} unless given, so only what the user set overrides the YAML.
 * Numeric options that accept comma lists ({@code concurrency = "1,2,4"}) are kept as text: a list sweeps, as
 * AIPerf's magic lists do.
 *
 * <pre>{@code
 * ProfileOptions options = ProfileOptions.builder().streaming(true).concurrency("1,8,32").numProfileRuns(3).build();
 * }</pre>
 *
 * <p>Its length is one component and one builder method per flag, by design: a single typed model is what lets the
 * command line, the Maven plugin and the JUnit extension be checked against each other field by field.</p>
 *
 * @param config YAML config (AIPerf envelope); the other options override it ({@code --config})
 * @param models model name(s) sent in requests ({@code --model})
 * @param urls base URL(s) (the endpoint type's path is appended) or full endpoint URLs ({@code --url})
 * @param endpointType chat (default), completions or embeddings ({@code --endpoint-type})
 * @param streaming request SSE streaming responses ({@code --streaming})
 * @param http2 send HTTP/2 over cleartext (h2c) instead of HTTP/1.1 ({@code --http2})
 * @param concurrency concurrent requests; a comma list sweeps ({@code --concurrency})
 * @param requestRate requests per second (open loop); a comma list sweeps ({@code --request-rate})
 * @param requestRateMode constant or poisson ({@code --request-rate-mode})
 * @param userCentricRate total requests per second spread over the users ({@code --user-centric-rate})
 * @param requestCount requests of the profiling phase; a comma list sweeps ({@code --request-count})
 * @param benchmarkDuration profiling phase duration in seconds; a comma list sweeps ({@code --benchmark-duration})
 * @param benchmarkGracePeriod seconds to wait for in-flight requests after the duration
 *                             ({@code --benchmark-grace-period})
 * @param warmupRequestCount requests of a warmup phase excluded from results; 0 removes it
 *                           ({@code --warmup-request-count})
 * @param harnessWarmupRequests requests sent once per JVM to an in-process server before the first run; 0 turns it
 *                              off ({@code --harness-warmup-requests})
 * @param isl input sequence length mean in tokens; a comma list sweeps ({@code --isl})
 * @param islStddev input sequence length standard deviation ({@code --isl-stddev})
 * @param osl output sequence length mean (sent as max_tokens); a comma list sweeps ({@code --osl})
 * @param oslStddev output sequence length standard deviation ({@code --osl-stddev})
 * @param randomSeed seed of every random choice ({@code --random-seed})
 * @param artifactDir artifact base directory ({@code --artifact-dir})
 * @param apiKey bearer token; never written or logged ({@code --api-key})
 * @param headers extra request headers, K:V ({@code --header})
 * @param requestTimeoutSeconds per-request timeout in seconds ({@code --request-timeout-seconds})
 * @param ui progress display: simple, none or dashboard (single runs only) ({@code --ui})
 * @param tokenizer a jtokkit encoding or a tokenizer.json path ({@code --tokenizer})
 * @param useServerTokenCount count tokens from the server's usage field ({@code --use-server-token-count})
 * @param prefillConcurrency ceiling on requests awaiting their first token; a comma list sweeps
 *                           ({@code --prefill-concurrency})
 * @param numConversations conversations; a comma list sweeps ({@code --num-conversations})
 * @param numUsers simulated users; a comma list sweeps ({@code --num-users})
 * @param conversationTurnMean mean turns per conversation; a comma list sweeps ({@code --conversation-turn-mean})
 * @param inputFile a dataset file to replay or draw prompts from ({@code --input-file})
 * @param customDatasetType format of the input file: single_turn, multi_turn, mooncake_trace, random_pool or sharegpt
 *                          ({@code --custom-dataset-type})
 * @param conversationTurnStddev standard deviation of the turns per synthetic conversation ({@code
 *                               --conversation-turn-stddev})
 * @param conversationTurnDelayMean mean think time between a response and the next turn, in ms ({@code
 *                                  --conversation-turn-delay-mean})
 * @param conversationTurnDelayStddev standard deviation of that think time, in ms ({@code
 *                                    --conversation-turn-delay-stddev})
 * @param fixedSchedule true: replay the input file on its timestamps; false: never switch to that automatically ({@code
 *                      --fixed-schedule}, {@code --no-fixed-schedule})
 * @param fixedScheduleAutoOffset shift the trace so its first timestamp is sent at once (default true) ({@code
 *                                --fixed-schedule-auto-offset})
 * @param fixedScheduleStartOffset replay only trace entries at or after this timestamp, in ms ({@code
 *                                 --fixed-schedule-start-offset})
 * @param fixedScheduleEndOffset replay only trace entries at or before this timestamp, in ms ({@code
 *                               --fixed-schedule-end-offset})
 * @param fixedScheduleSpeedup replay the trace this many times faster than recorded (default 1) ({@code
 *                             --fixed-schedule-speedup})
 * @param requestCancellationRate percentage (0-100) of requests aborted on purpose ({@code
 *                                --request-cancellation-rate})
 * @param requestCancellationDelay seconds after sending at which a chosen request is aborted (default 0) ({@code
 *                                 --request-cancellation-delay})
 * @param sweepType how comma lists combine: grid or zip ({@code --sweep-type})
 * @param parameterSweepSameSeed give every sweep variation the same seed ({@code --parameter-sweep-same-seed})
 * @param parameterSweepCooldownSeconds idle seconds between variations ({@code --parameter-sweep-cooldown-seconds})
 * @param numProfileRuns trials per configuration (1..10) ({@code --num-profile-runs})
 * @param profileRunCooldownSeconds idle seconds between trials ({@code --profile-run-cooldown-seconds})
 * @param confidenceLevel confidence level of the intervals ({@code --confidence-level})
 * @param convergenceMetric stop a cell's trials early once this metric converges ({@code --convergence-metric})
 * @param convergenceStat statistic of the convergence metric (avg) ({@code --convergence-stat})
 * @param convergenceMode ci_width (default), cv or distribution ({@code --convergence-mode})
 * @param convergenceThreshold threshold of the convergence criterion, in (0, 1) ({@code --convergence-threshold})
 * @param convergenceMinRuns trials before convergence is judged (default 2) ({@code --convergence-min-runs})
 * @param sla gates METRIC:STAT:OP:THRESHOLD; a breach fails the benchmark ({@code --sla})
 * @param search the adaptive-search and recipe options
 */
public record ProfileOptions(
        Path config,
        List<String> models,
        List<String> urls,
        String endpointType,
        Boolean streaming,
        Boolean http2,
        String concurrency,
        String requestRate,
        String requestRateMode,
        String userCentricRate,
        String requestCount,
        String benchmarkDuration,
        String benchmarkGracePeriod,
        Integer warmupRequestCount,
        Integer harnessWarmupRequests,
        String isl,
        String islStddev,
        String osl,
        String oslStddev,
        Long randomSeed,
        Path artifactDir,
        String apiKey,
        List<String> headers,
        Double requestTimeoutSeconds,
        String ui,
        String tokenizer,
        Boolean useServerTokenCount,
        String prefillConcurrency,
        String numConversations,
        String numUsers,
        String conversationTurnMean,
        Path inputFile,
        String customDatasetType,
        Integer conversationTurnStddev,
        Double conversationTurnDelayMean,
        Double conversationTurnDelayStddev,
        Boolean fixedSchedule,
        Boolean fixedScheduleAutoOffset,
        Double fixedScheduleStartOffset,
        Double fixedScheduleEndOffset,
        Double fixedScheduleSpeedup,
        Double requestCancellationRate,
        Double requestCancellationDelay,
        String sweepType,
        Boolean parameterSweepSameSeed,
        Double parameterSweepCooldownSeconds,
        Integer numProfileRuns,
        Double profileRunCooldownSeconds,
        Double confidenceLevel,
        String convergenceMetric,
        String convergenceStat,
        String convergenceMode,
        Double convergenceThreshold,
        Integer convergenceMinRuns,
        List<String> sla,
        SearchOptions search) {

    public ProfileOptions {
        models = models == null ? null : List.copyOf(models);
        urls = urls == null ? null : List.copyOf(urls);
        headers = headers == null ? null : List.copyOf(headers);
        sla = sla == null ? null : List.copyOf(sla);
    }

    /** Nothing set: every value comes from the YAML or the defaults. */
    public static ProfileOptions none() {
        return builder().build();
    }

    /** The search options, never {@code null}. */
    public SearchOptions searchOptions() {
        return search == null ? SearchOptions.none() : search;
    }

    /** The API key and the values of secret headers stay out of logs and exceptions. */
    @Override
    public String toString() {
        List<String> safeHeaders = headers == null ? null : headers.stream().map(h -> {
            int colon = h.indexOf(':');
            String name = colon < 0 ? h : h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            return List.of("authorization", "proxy-authorization", "x-api-key", "api-key").contains(name)
                    ? h.substring(0, colon + 1) + " <redacted>" : h;
        }).toList();
        return "ProfileOptions" + toBuilder().apiKey(apiKey == null ? null : "<redacted>").headers(safeHeaders).build()
                .plainString();
    }

    private String plainString() {
        String s = java.util.Arrays.stream(getClass().getRecordComponents()).map(c -> {
            try {
                Object v = c.getAccessor().invoke(this);
                return v == null ? null : c.getName() + "=" + v;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.joining(", "));
        return "[" + s + "]";
    }


    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.config = config;
        b.models = models;
        b.urls = urls;
        b.endpointType = endpointType;
        b.streaming = streaming;
        b.http2 = http2;
        b.concurrency = concurrency;
        b.requestRate = requestRate;
        b.requestRateMode = requestRateMode;
        b.userCentricRate = userCentricRate;
        b.requestCount = requestCount;
        b.benchmarkDuration = benchmarkDuration;
        b.benchmarkGracePeriod = benchmarkGracePeriod;
        b.warmupRequestCount = warmupRequestCount;
        b.harnessWarmupRequests = harnessWarmupRequests;
        b.isl = isl;
        b.islStddev = islStddev;
        b.osl = osl;
        b.oslStddev = oslStddev;
        b.randomSeed = randomSeed;
        b.artifactDir = artifactDir;
        b.apiKey = apiKey;
        b.headers = headers;
        b.requestTimeoutSeconds = requestTimeoutSeconds;
        b.ui = ui;
        b.tokenizer = tokenizer;
        b.useServerTokenCount = useServerTokenCount;
        b.prefillConcurrency = prefillConcurrency;
        b.numConversations = numConversations;
        b.numUsers = numUsers;
        b.conversationTurnMean = conversationTurnMean;
        b.inputFile = inputFile;
        b.customDatasetType = customDatasetType;
        b.conversationTurnStddev = conversationTurnStddev;
        b.conversationTurnDelayMean = conversationTurnDelayMean;
        b.conversationTurnDelayStddev = conversationTurnDelayStddev;
        b.fixedSchedule = fixedSchedule;
        b.fixedScheduleAutoOffset = fixedScheduleAutoOffset;
        b.fixedScheduleStartOffset = fixedScheduleStartOffset;
        b.fixedScheduleEndOffset = fixedScheduleEndOffset;
        b.fixedScheduleSpeedup = fixedScheduleSpeedup;
        b.requestCancellationRate = requestCancellationRate;
        b.requestCancellationDelay = requestCancellationDelay;
        b.sweepType = sweepType;
        b.parameterSweepSameSeed = parameterSweepSameSeed;
        b.parameterSweepCooldownSeconds = parameterSweepCooldownSeconds;
        b.numProfileRuns = numProfileRuns;
        b.profileRunCooldownSeconds = profileRunCooldownSeconds;
        b.confidenceLevel = confidenceLevel;
        b.convergenceMetric = convergenceMetric;
        b.convergenceStat = convergenceStat;
        b.convergenceMode = convergenceMode;
        b.convergenceThreshold = convergenceThreshold;
        b.convergenceMinRuns = convergenceMinRuns;
        b.sla = sla;
        b.search = search;
        return b;
    }

    /** Sets options one by one; {@code null} means "not given". */
    public static final class Builder {
        private Path config;
        private List<String> models;
        private List<String> urls;
        private String endpointType;
        private Boolean streaming;
        private Boolean http2;
        private String concurrency;
        private String requestRate;
        private String requestRateMode;
        private String userCentricRate;
        private String requestCount;
        private String benchmarkDuration;
        private String benchmarkGracePeriod;
        private Integer warmupRequestCount;
        private Integer harnessWarmupRequests;
        private String isl;
        private String islStddev;
        private String osl;
        private String oslStddev;
        private Long randomSeed;
        private Path artifactDir;
        private String apiKey;
        private List<String> headers;
        private Double requestTimeoutSeconds;
        private String ui;
        private String tokenizer;
        private Boolean useServerTokenCount;
        private String prefillConcurrency;
        private String numConversations;
        private String numUsers;
        private String conversationTurnMean;
        private Path inputFile;
        private String customDatasetType;
        private Integer conversationTurnStddev;
        private Double conversationTurnDelayMean;
        private Double conversationTurnDelayStddev;
        private Boolean fixedSchedule;
        private Boolean fixedScheduleAutoOffset;
        private Double fixedScheduleStartOffset;
        private Double fixedScheduleEndOffset;
        private Double fixedScheduleSpeedup;
        private Double requestCancellationRate;
        private Double requestCancellationDelay;
        private String sweepType;
        private Boolean parameterSweepSameSeed;
        private Double parameterSweepCooldownSeconds;
        private Integer numProfileRuns;
        private Double profileRunCooldownSeconds;
        private Double confidenceLevel;
        private String convergenceMetric;
        private String convergenceStat;
        private String convergenceMode;
        private Double convergenceThreshold;
        private Integer convergenceMinRuns;
        private List<String> sla;
        private SearchOptions search;

        private Builder() {
        }

        /** YAML config (AIPerf envelope); the other options override it ({@code --config}). */
        public Builder config(Path config) {
            this.config = config;
            return this;
        }

        /** Model name(s) sent in requests ({@code --model}). */
        public Builder models(List<String> models) {
            this.models = models;
            return this;
        }

        /** As {@link #models(List)}. */
        public Builder models(String... models) {
            this.models = models == null ? null : List.of(models);
            return this;
        }

        /** Base URL(s) (the endpoint type's path is appended) or full endpoint URLs ({@code --url}). */
        public Builder urls(List<String> urls) {
            this.urls = urls;
            return this;
        }

        /** As {@link #urls(List)}. */
        public Builder urls(String... urls) {
            this.urls = urls == null ? null : List.of(urls);
            return this;
        }

        /** Chat (default), completions or embeddings ({@code --endpoint-type}). */
        public Builder endpointType(String endpointType) {
            this.endpointType = endpointType;
            return this;
        }

        /** Request SSE streaming responses ({@code --streaming}). */
        public Builder streaming(Boolean streaming) {
            this.streaming = streaming;
            return this;
        }

        /** Send HTTP/2 over cleartext (h2c) instead of HTTP/1.1 ({@code --http2}). */
        public Builder http2(Boolean http2) {
            this.http2 = http2;
            return this;
        }

        /** Concurrent requests; a comma list sweeps ({@code --concurrency}). */
        public Builder concurrency(String concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** Requests per second (open loop); a comma list sweeps ({@code --request-rate}). */
        public Builder requestRate(String requestRate) {
            this.requestRate = requestRate;
            return this;
        }

        /** Constant or poisson ({@code --request-rate-mode}). */
        public Builder requestRateMode(String requestRateMode) {
            this.requestRateMode = requestRateMode;
            return this;
        }

        /** Total requests per second spread over the users ({@code --user-centric-rate}). */
        public Builder userCentricRate(String userCentricRate) {
            this.userCentricRate = userCentricRate;
            return this;
        }

        /** Requests of the profiling phase; a comma list sweeps ({@code --request-count}). */
        public Builder requestCount(String requestCount) {
            this.requestCount = requestCount;
            return this;
        }

        /** Profiling phase duration in seconds; a comma list sweeps ({@code --benchmark-duration}). */
        public Builder benchmarkDuration(String benchmarkDuration) {
            this.benchmarkDuration = benchmarkDuration;
            return this;
        }

        /** Seconds to wait for in-flight requests after the duration ({@code --benchmark-grace-period}). */
        public Builder benchmarkGracePeriod(String benchmarkGracePeriod) {
            this.benchmarkGracePeriod = benchmarkGracePeriod;
            return this;
        }

        /** Requests of a warmup phase excluded from results; 0 removes it ({@code --warmup-request-count}). */
        public Builder warmupRequestCount(Integer warmupRequestCount) {
            this.warmupRequestCount = warmupRequestCount;
            return this;
        }

        /**
         * Requests sent once per JVM to an in-process server before the first run; 0 turns it off
         * ({@code --harness-warmup-requests}).
         */
        public Builder harnessWarmupRequests(Integer harnessWarmupRequests) {
            this.harnessWarmupRequests = harnessWarmupRequests;
            return this;
        }

        /** Input sequence length mean in tokens; a comma list sweeps ({@code --isl}). */
        public Builder isl(String isl) {
            this.isl = isl;
            return this;
        }

        /** Input sequence length standard deviation ({@code --isl-stddev}). */
        public Builder islStddev(String islStddev) {
            this.islStddev = islStddev;
            return this;
        }

        /** Output sequence length mean (sent as max_tokens); a comma list sweeps ({@code --osl}). */
        public Builder osl(String osl) {
            this.osl = osl;
            return this;
        }

        /** Output sequence length standard deviation ({@code --osl-stddev}). */
        public Builder oslStddev(String oslStddev) {
            this.oslStddev = oslStddev;
            return this;
        }

        /** Seed of every random choice ({@code --random-seed}). */
        public Builder randomSeed(Long randomSeed) {
            this.randomSeed = randomSeed;
            return this;
        }

        /** Artifact base directory ({@code --artifact-dir}). */
        public Builder artifactDir(Path artifactDir) {
            this.artifactDir = artifactDir;
            return this;
        }

        /** Bearer token; never written or logged ({@code --api-key}). */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Extra request headers, K:V ({@code --header}). */
        public Builder headers(List<String> headers) {
            this.headers = headers;
            return this;
        }

        /** As {@link #headers(List)}. */
        public Builder headers(String... headers) {
            this.headers = headers == null ? null : List.of(headers);
            return this;
        }

        /** Per-request timeout in seconds ({@code --request-timeout-seconds}). */
        public Builder requestTimeoutSeconds(Double requestTimeoutSeconds) {
            this.requestTimeoutSeconds = requestTimeoutSeconds;
            return this;
        }

        /** Progress display: simple, none or dashboard (single runs only) ({@code --ui}). */
        public Builder ui(String ui) {
            this.ui = ui;
            return this;
        }

        /** A jtokkit encoding or a tokenizer.json path ({@code --tokenizer}). */
        public Builder tokenizer(String tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /** Count tokens from the server's usage field ({@code --use-server-token-count}). */
        public Builder useServerTokenCount(Boolean useServerTokenCount) {
            this.useServerTokenCount = useServerTokenCount;
            return this;
        }

        /** Ceiling on requests awaiting their first token; a comma list sweeps ({@code --prefill-concurrency}). */
        public Builder prefillConcurrency(String prefillConcurrency) {
            this.prefillConcurrency = prefillConcurrency;
            return this;
        }

        /** Conversations; a comma list sweeps ({@code --num-conversations}). */
        public Builder numConversations(String numConversations) {
            this.numConversations = numConversations;
            return this;
        }

        /** Simulated users; a comma list sweeps ({@code --num-users}). */
        public Builder numUsers(String numUsers) {
            this.numUsers = numUsers;
            return this;
        }

        /** Mean turns per conversation; a comma list sweeps ({@code --conversation-turn-mean}). */
        public Builder conversationTurnMean(String conversationTurnMean) {
            this.conversationTurnMean = conversationTurnMean;
            return this;
        }

        /**
         * A dataset file to replay or draw prompts from; its format is {@code customDatasetType}, or read from its
         * first record ({@code --input-file}).
         */
        public Builder inputFile(Path inputFile) {
            this.inputFile = inputFile;
            return this;
        }

        /**
         * Format of the input file: single_turn, multi_turn, mooncake_trace, random_pool or sharegpt
         * ({@code --custom-dataset-type}).
         */
        public Builder customDatasetType(String customDatasetType) {
            this.customDatasetType = customDatasetType;
            return this;
        }

        /** Standard deviation of the turns per synthetic conversation ({@code --conversation-turn-stddev}). */
        public Builder conversationTurnStddev(Integer conversationTurnStddev) {
            this.conversationTurnStddev = conversationTurnStddev;
            return this;
        }

        /** Mean think time between a response and the next turn, in ms ({@code --conversation-turn-delay-mean}). */
        public Builder conversationTurnDelayMean(Double conversationTurnDelayMean) {
            this.conversationTurnDelayMean = conversationTurnDelayMean;
            return this;
        }

        /** Standard deviation of the think time between turns, in ms ({@code --conversation-turn-delay-stddev}). */
        public Builder conversationTurnDelayStddev(Double conversationTurnDelayStddev) {
            this.conversationTurnDelayStddev = conversationTurnDelayStddev;
            return this;
        }

        /**
         * True: replay the input file on its timestamps; false: never switch to that automatically
         * ({@code --fixed-schedule}, {@code --no-fixed-schedule}).
         */
        public Builder fixedSchedule(Boolean fixedSchedule) {
            this.fixedSchedule = fixedSchedule;
            return this;
        }

        /**
         * Shift the trace so its first timestamp is sent at once (default true) ({@code --fixed-schedule-auto-offset}).
         */
        public Builder fixedScheduleAutoOffset(Boolean fixedScheduleAutoOffset) {
            this.fixedScheduleAutoOffset = fixedScheduleAutoOffset;
            return this;
        }

        /** Replay only trace entries at or after this timestamp, in ms ({@code --fixed-schedule-start-offset}). */
        public Builder fixedScheduleStartOffset(Double fixedScheduleStartOffset) {
            this.fixedScheduleStartOffset = fixedScheduleStartOffset;
            return this;
        }

        /** Replay only trace entries at or before this timestamp, in ms ({@code --fixed-schedule-end-offset}). */
        public Builder fixedScheduleEndOffset(Double fixedScheduleEndOffset) {
            this.fixedScheduleEndOffset = fixedScheduleEndOffset;
            return this;
        }

        /** Replay the trace this many times faster than recorded (default 1) ({@code --fixed-schedule-speedup}). */
        public Builder fixedScheduleSpeedup(Double fixedScheduleSpeedup) {
            this.fixedScheduleSpeedup = fixedScheduleSpeedup;
            return this;
        }

        /** Percentage (0-100) of requests aborted on purpose ({@code --request-cancellation-rate}). */
        public Builder requestCancellationRate(Double requestCancellationRate) {
            this.requestCancellationRate = requestCancellationRate;
            return this;
        }

        /**
         * Seconds after sending at which a chosen request is aborted (default 0)
         * ({@code --request-cancellation-delay}).
         */
        public Builder requestCancellationDelay(Double requestCancellationDelay) {
            this.requestCancellationDelay = requestCancellationDelay;
            return this;
        }

        /** How comma lists combine: grid or zip ({@code --sweep-type}). */
        public Builder sweepType(String sweepType) {
            this.sweepType = sweepType;
            return this;
        }

        /** Give every sweep variation the same seed ({@code --parameter-sweep-same-seed}). */
        public Builder parameterSweepSameSeed(Boolean parameterSweepSameSeed) {
            this.parameterSweepSameSeed = parameterSweepSameSeed;
            return this;
        }

        /** Idle seconds between variations ({@code --parameter-sweep-cooldown-seconds}). */
        public Builder parameterSweepCooldownSeconds(Double parameterSweepCooldownSeconds) {
            this.parameterSweepCooldownSeconds = parameterSweepCooldownSeconds;
            return this;
        }

        /** Trials per configuration (1..10) ({@code --num-profile-runs}). */
        public Builder numProfileRuns(Integer numProfileRuns) {
            this.numProfileRuns = numProfileRuns;
            return this;
        }

        /** Idle seconds between trials ({@code --profile-run-cooldown-seconds}). */
        public Builder profileRunCooldownSeconds(Double profileRunCooldownSeconds) {
            this.profileRunCooldownSeconds = profileRunCooldownSeconds;
            return this;
        }

        /** Confidence level of the intervals ({@code --confidence-level}). */
        public Builder confidenceLevel(Double confidenceLevel) {
            this.confidenceLevel = confidenceLevel;
            return this;
        }

        /** Stop a cell's trials early once this metric converges ({@code --convergence-metric}). */
        public Builder convergenceMetric(String convergenceMetric) {
            this.convergenceMetric = convergenceMetric;
            return this;
        }

        /** Statistic of the convergence metric (avg) ({@code --convergence-stat}). */
        public Builder convergenceStat(String convergenceStat) {
            this.convergenceStat = convergenceStat;
            return this;
        }

        /** Ci_width (default), cv or distribution ({@code --convergence-mode}). */
        public Builder convergenceMode(String convergenceMode) {
            this.convergenceMode = convergenceMode;
            return this;
        }

        /** Threshold of the convergence criterion, in (0, 1) ({@code --convergence-threshold}). */
        public Builder convergenceThreshold(Double convergenceThreshold) {
            this.convergenceThreshold = convergenceThreshold;
            return this;
        }

        /** Trials before convergence is judged (default 2) ({@code --convergence-min-runs}). */
        public Builder convergenceMinRuns(Integer convergenceMinRuns) {
            this.convergenceMinRuns = convergenceMinRuns;
            return this;
        }

        /** Gates METRIC:STAT:OP:THRESHOLD; a breach fails the benchmark ({@code --sla}). */
        public Builder sla(List<String> sla) {
            this.sla = sla;
            return this;
        }

        /** As {@link #sla(List)}. */
        public Builder sla(String... sla) {
            this.sla = sla == null ? null : List.of(sla);
            return this;
        }

        /** The adaptive-search and recipe options. */
        public Builder search(SearchOptions search) {
            this.search = search;
            return this;
        }

        public ProfileOptions build() {
            return new ProfileOptions(config, models, urls, endpointType, streaming, http2, concurrency, requestRate,
                    requestRateMode, userCentricRate, requestCount, benchmarkDuration, benchmarkGracePeriod,
                    warmupRequestCount, harnessWarmupRequests, isl, islStddev, osl, oslStddev, randomSeed,
                    artifactDir, apiKey, headers, requestTimeoutSeconds, ui, tokenizer, useServerTokenCount,
                    prefillConcurrency, numConversations, numUsers, conversationTurnMean, inputFile, customDatasetType,
                    conversationTurnStddev, conversationTurnDelayMean, conversationTurnDelayStddev, fixedSchedule,
                    fixedScheduleAutoOffset, fixedScheduleStartOffset, fixedScheduleEndOffset, fixedScheduleSpeedup,
                    requestCancellationRate, requestCancellationDelay, sweepType,
                    parameterSweepSameSeed, parameterSweepCooldownSeconds, numProfileRuns, profileRunCooldownSeconds,
                    confidenceLevel, convergenceMetric, convergenceStat, convergenceMode, convergenceThreshold,
                    convergenceMinRuns, sla, search);
        }
    }
}
