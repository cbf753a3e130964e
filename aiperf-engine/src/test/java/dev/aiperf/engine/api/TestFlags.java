package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.SearchOptions;
import dev.aiperf.engine.config.AIPerfConfig;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine tests written as {@code aiperf profile} command lines: {@code --flag value} pairs turned into the
 * {@link ProfileOptions} the command line would build (the command line itself, with picocli, lives in the
 * aiperf-cli module, which the engine cannot depend on), and resolved as every front-end resolves them.
 */
public final class TestFlags {

    private record Flag(String field, String type, boolean search) {
    }

    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry("--config", new Flag("config", "Path", false)),
            Map.entry("--model", new Flag("models", "List<String>", false)),
            Map.entry("--url", new Flag("urls", "List<String>", false)),
            Map.entry("--endpoint-type", new Flag("endpointType", "String", false)),
            Map.entry("--streaming", new Flag("streaming", "Boolean", false)),
            Map.entry("--http2", new Flag("http2", "Boolean", false)),
            Map.entry("--concurrency", new Flag("concurrency", "String", false)),
            Map.entry("--request-rate", new Flag("requestRate", "String", false)),
            Map.entry("--request-rate-mode", new Flag("requestRateMode", "String", false)),
            Map.entry("--user-centric-rate", new Flag("userCentricRate", "String", false)),
            Map.entry("--request-count", new Flag("requestCount", "String", false)),
            Map.entry("--benchmark-duration", new Flag("benchmarkDuration", "String", false)),
            Map.entry("--benchmark-grace-period", new Flag("benchmarkGracePeriod", "String", false)),
            Map.entry("--warmup-request-count", new Flag("warmupRequestCount", "Integer", false)),
            Map.entry("--harness-warmup-requests", new Flag("harnessWarmupRequests", "Integer", false)),
            Map.entry("--isl", new Flag("isl", "String", false)),
            Map.entry("--isl-stddev", new Flag("islStddev", "String", false)),
            Map.entry("--osl", new Flag("osl", "String", false)),
            Map.entry("--osl-stddev", new Flag("oslStddev", "String", false)),
            Map.entry("--random-seed", new Flag("randomSeed", "Long", false)),
            Map.entry("--artifact-dir", new Flag("artifactDir", "Path", false)),
            Map.entry("--api-key", new Flag("apiKey", "String", false)),
            Map.entry("--header", new Flag("headers", "List<String>", false)),
            Map.entry("--request-timeout-seconds", new Flag("requestTimeoutSeconds", "Double", false)),
            Map.entry("--ui", new Flag("ui", "String", false)),
            Map.entry("--tokenizer", new Flag("tokenizer", "String", false)),
            Map.entry("--use-server-token-count", new Flag("useServerTokenCount", "Boolean", false)),
            Map.entry("--prefill-concurrency", new Flag("prefillConcurrency", "String", false)),
            Map.entry("--num-conversations", new Flag("numConversations", "String", false)),
            Map.entry("--num-users", new Flag("numUsers", "String", false)),
            Map.entry("--conversation-turn-mean", new Flag("conversationTurnMean", "String", false)),
            Map.entry("--input-file", new Flag("inputFile", "Path", false)),
            Map.entry("--custom-dataset-type", new Flag("customDatasetType", "String", false)),
            Map.entry("--conversation-turn-stddev", new Flag("conversationTurnStddev", "Integer", false)),
            Map.entry("--conversation-turn-delay-mean", new Flag("conversationTurnDelayMean", "Double", false)),
            Map.entry("--conversation-turn-delay-stddev", new Flag("conversationTurnDelayStddev", "Double", false)),
            Map.entry("--fixed-schedule", new Flag("fixedSchedule", "Boolean", false)),
            Map.entry("--fixed-schedule-auto-offset", new Flag("fixedScheduleAutoOffset", "Boolean", false)),
            Map.entry("--fixed-schedule-start-offset", new Flag("fixedScheduleStartOffset", "Double", false)),
            Map.entry("--fixed-schedule-end-offset", new Flag("fixedScheduleEndOffset", "Double", false)),
            Map.entry("--fixed-schedule-speedup", new Flag("fixedScheduleSpeedup", "Double", false)),
            Map.entry("--request-cancellation-rate", new Flag("requestCancellationRate", "Double", false)),
            Map.entry("--request-cancellation-delay", new Flag("requestCancellationDelay", "Double", false)),
            Map.entry("--sweep-type", new Flag("sweepType", "String", false)),
            Map.entry("--parameter-sweep-same-seed", new Flag("parameterSweepSameSeed", "Boolean", false)),
            Map.entry("--parameter-sweep-cooldown-seconds", new Flag("parameterSweepCooldownSeconds", "Double", false)),
            Map.entry("--num-profile-runs", new Flag("numProfileRuns", "Integer", false)),
            Map.entry("--profile-run-cooldown-seconds", new Flag("profileRunCooldownSeconds", "Double", false)),
            Map.entry("--confidence-level", new Flag("confidenceLevel", "Double", false)),
            Map.entry("--convergence-metric", new Flag("convergenceMetric", "String", false)),
            Map.entry("--convergence-stat", new Flag("convergenceStat", "String", false)),
            Map.entry("--convergence-mode", new Flag("convergenceMode", "String", false)),
            Map.entry("--convergence-threshold", new Flag("convergenceThreshold", "Double", false)),
            Map.entry("--convergence-min-runs", new Flag("convergenceMinRuns", "Integer", false)),
            Map.entry("--sla", new Flag("sla", "List<String>", false)),
            Map.entry("--search-recipe", new Flag("recipe", "String", true)),
            Map.entry("--ttft-sla-ms", new Flag("ttftSlaMs", "Double", true)),
            Map.entry("--itl-sla-ms", new Flag("itlSlaMs", "Double", true)),
            Map.entry("--tpot-sla-ms", new Flag("tpotSlaMs", "Double", true)),
            Map.entry("--e2e-sla-ms", new Flag("e2eSlaMs", "Double", true)),
            Map.entry("--error-rate-sla", new Flag("errorRateSla", "Double", true)),
            Map.entry("--search-sla", new Flag("searchSla", "List<String>", true)),
            Map.entry("--concurrency-min", new Flag("concurrencyMin", "Integer", true)),
            Map.entry("--concurrency-max", new Flag("concurrencyMax", "Integer", true)),
            Map.entry("--search-style", new Flag("searchStyle", "String", true)),
            Map.entry("--goodput-attainment", new Flag("goodputAttainment", "Double", true)),
            Map.entry("--isl-osl-pairs", new Flag("islOslPairs", "String", true)),
            Map.entry("--degradation-threshold", new Flag("degradationThreshold", "Double", true)),
            Map.entry("--degradation-metric", new Flag("degradationMetric", "String", true)),
            Map.entry("--degradation-stat", new Flag("degradationStat", "String", true)),
            Map.entry("--search-space", new Flag("searchSpace", "List<String>", true)),
            Map.entry("--search-metric", new Flag("searchMetric", "String", true)),
            Map.entry("--search-stat", new Flag("searchStat", "String", true)),
            Map.entry("--search-direction", new Flag("searchDirection", "String", true)),
            Map.entry("--search-max-iterations", new Flag("searchMaxIterations", "Integer", true)),
            Map.entry("--search-initial-points", new Flag("searchInitialPoints", "Integer", true)),
            Map.entry("--search-random-seed", new Flag("searchRandomSeed", "Long", true)),
            Map.entry("--search-planner", new Flag("searchPlanner", "String", true))
    );

    private TestFlags() {
    }

    /** The options of {@code args}, e.g. {@code "--search-recipe", "pareto-sweep", "--streaming"}. */
    public static ProfileOptions options(String... args) {
        ProfileOptions.Builder p = ProfileOptions.builder();
        SearchOptions.Builder s = SearchOptions.builder();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            boolean negated = args[i].startsWith("--no-");
            Flag f = FLAGS.get(negated ? "--" + args[i].substring("--no-".length()) : args[i]);
            if (f == null) {
                throw new IllegalArgumentException("unknown flag in a test: " + args[i]);
            }
            Object target = f.search() ? s : p;
            Object value;
            if (f.type().equals("Boolean")) {
                value = !negated;
            } else {
                String raw = args[++i];
                switch (f.type()) {
                    case "Integer" -> value = Integer.valueOf(raw);
                    case "Long" -> value = Long.valueOf(raw);
                    case "Double" -> value = Double.valueOf(raw);
                    case "Path" -> value = Path.of(raw);
                    case "List<String>" -> {
                        // --model splits on commas, as the command line declares it; the others repeat.
                        List<String> values = lists.computeIfAbsent((f.search() ? "s:" : "p:") + f.field(),
                                k -> new ArrayList<>());
                        values.addAll(f.field().equals("models") ? List.of(raw.split(",")) : List.of(raw));
                        continue;
                    }
                    default -> value = raw;
                }
            }
            call(target, f.field(), value);
        }
        lists.forEach((k, v) -> call(k.startsWith("s:") ? s : p, k.substring(2), v));
        return p.search(s.build()).build();
    }

    /** {@code args} resolved into the engine's config, as {@code aiperf profile} resolves them. */
    public static AIPerfConfig resolve(String... args) {
        return resolve(options(args), Map.of());
    }

    /** {@code options} resolved with the environment {@code env} (for {@code ${VAR}} and the API key). */
    public static AIPerfConfig resolve(ProfileOptions options, Map<String, String> env) {
        return ConfigResolution.resolve(new ConfigResolution.Inputs(options, null, null, Map.of(), null, null, env)).config();
    }

    private static void call(Object builder, String field, Object value) {
        for (Method m : builder.getClass().getMethods()) {
            if (m.getName().equals(field) && m.getParameterCount() == 1
                    && m.getParameterTypes()[0].isInstance(value)) {
                try {
                    m.invoke(builder, value);
                    return;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no builder method " + field + "(" + value.getClass().getSimpleName() + ")");
    }
}
