package dev.aiperf.engine.config;

import dev.aiperf.engine.api.model.ProfileOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.BenchmarkBinder;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.SourceLines;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies command-line flags over a YAML envelope: flags win. Scalar flags set the base tree; a comma list on
 * a magic-list flag ({@code --concurrency 1,2,4}) becomes {@code sweep: {type, parameters: {path: [values]}}}
 * with its first value left in the base as placeholder, as AIPerf's CLI does.
 */
public final class FlagOverrides {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a magic-list value must be. */
    private enum Kind {
        /** A whole number >= 1. */
        COUNT,
        /** A whole number >= 0. */
        NON_NEGATIVE_COUNT,
        /** A number > 0, kept as a float (AIPerf's rates and durations are floats). */
        POSITIVE_REAL,
        /** A number >= 0, kept as a float. */
        NON_NEGATIVE_REAL
    }

    private FlagOverrides() {
    }

    /** Returns a new envelope: {@code envelope} (not modified) with the flags of {@code opts} applied. */
    public static ObjectNode apply(ProfileOptions opts, ObjectNode envelope) {
        ObjectNode env = envelope == null ? NODES.objectNode() : envelope.deepCopy();
        JsonNode rawBody = env.get("benchmark");
        if (rawBody != null && !rawBody.isNull() && !rawBody.isObject()) {
            return env; // the loader reports the wrong type with its line
        }
        ObjectNode body = BenchmarkBinder.canonicalTree((ObjectNode) rawBody, SourceLines.NONE, "benchmark");
        env.set("benchmark", body);

        scalars(opts, env, body);

        ObjectNode phase = targetPhase(body, opts);
        Map<String, List<JsonNode>> lists = new LinkedHashMap<>();
        Map<String, String> flagOfPath = new LinkedHashMap<>();
        if (phase != null) {
            String p = "phases." + phase.get("name").asText() + ".";
            phaseValue(phase, "concurrency", "--concurrency", opts.concurrency(), Kind.COUNT, p, lists, flagOfPath);
            phaseValue(phase, "prefill_concurrency", "--prefill-concurrency", opts.prefillConcurrency(), Kind.COUNT, p,
                    lists, flagOfPath);
            phaseValue(phase, "rate", "--request-rate", opts.requestRate(), Kind.POSITIVE_REAL, p, lists, flagOfPath);
            phaseValue(phase, "requests", "--request-count", opts.requestCount(), Kind.COUNT, p, lists, flagOfPath);
            phaseValue(phase, "duration", "--benchmark-duration", opts.benchmarkDuration(), Kind.POSITIVE_REAL, p, lists,
                    flagOfPath);
            phaseValue(phase, "sessions", "--num-conversations", opts.numConversations(), Kind.COUNT, p, lists, flagOfPath);
            phaseValue(phase, "users", "--num-users", opts.numUsers(), Kind.COUNT, p, lists, flagOfPath);
            phaseShape(opts, phase);
            warmup(opts, body, phase);
        }
        datasetFlags(opts, body, lists, flagOfPath);
        multiRun(opts, env);
        sweep(opts, env, lists, flagOfPath);
        return env;
    }

    // ---------------------------------------------------------------- scalar flags

    private static void scalars(ProfileOptions o, ObjectNode env, ObjectNode body) {
        if (o.models() != null && !o.models().isEmpty()) {
            ArrayNode models = body.putArray("models");
            o.models().stream().map(String::trim).filter(m -> !m.isEmpty()).forEach(models::add);
        }
        if (o.urls() != null && !o.urls().isEmpty()) {
            ObjectNode endpoint = object(body, "endpoint");
            endpoint.remove("url");
            ArrayNode urls = endpoint.putArray("urls");
            o.urls().forEach(urls::add);
        }
        if (o.endpointType() != null) {
            object(body, "endpoint").put("type", o.endpointType().trim().toLowerCase(Locale.ROOT));
        }
        if (o.streaming() != null) {
            object(body, "endpoint").put("streaming", o.streaming());
        }
        if (o.http2() != null) {
            object(body, "endpoint").put("http2", o.http2());
        }
        if (o.apiKey() != null) {
            object(body, "endpoint").put("api_key", o.apiKey());
        }
        if (o.headers() != null) {
            ObjectNode headers = object(object(body, "endpoint"), "headers");
            for (String h : o.headers()) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new ConfigException("--header", "'" + h + "' is not KEY:VALUE, e.g. --header X-Team:infra");
                }
                headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
        }
        if (o.requestTimeoutSeconds() != null) {
            object(body, "endpoint").put("timeout", o.requestTimeoutSeconds());
        }
        if (o.useServerTokenCount() != null) {
            object(body, "endpoint").put("use_server_token_count", o.useServerTokenCount());
        }
        if (o.tokenizer() != null) {
            body.put("tokenizer", o.tokenizer());
        }
        if (o.artifactDir() != null) {
            object(body, "artifacts").put("dir", o.artifactDir().toString());
        }
        if (o.randomSeed() != null) {
            if (o.randomSeed() < 0) {
                throw new ConfigException("--random-seed", "must be >= 0; got " + o.randomSeed());
            }
            env.put("random_seed", o.randomSeed());
        }
    }

    private static void multiRun(ProfileOptions o, ObjectNode env) {
        if (o.numProfileRuns() != null) {
            object(env, "multi_run").put("num_runs", o.numProfileRuns());
        }
        if (o.profileRunCooldownSeconds() != null) {
            object(env, "multi_run").put("cooldown_seconds", o.profileRunCooldownSeconds());
        }
        if (o.confidenceLevel() != null) {
            object(env, "multi_run").put("confidence_level", o.confidenceLevel());
        }
        convergence(o, env);
    }

    /** {@code --convergence-*}: AIPerf's {@code multi_run.convergence} block, over the YAML's. */
    private static void convergence(ProfileOptions o, ObjectNode env) {
        boolean any = o.convergenceMetric() != null || o.convergenceStat() != null || o.convergenceMode() != null
                || o.convergenceThreshold() != null || o.convergenceMinRuns() != null;
        if (!any) {
            return;
        }
        ObjectNode c = object(object(env, "multi_run"), "convergence");
        if (o.convergenceMetric() != null) {
            c.put("metric", o.convergenceMetric().trim());
        } else if (!c.hasNonNull("metric")) {
            throw new ConfigException("--convergence-metric", "the --convergence-* flags need a metric to watch, e.g."
                    + " --convergence-metric request_throughput");
        }
        if (o.convergenceStat() != null) {
            c.put("stat", o.convergenceStat().trim());
        }
        if (o.convergenceMode() != null) {
            c.put("mode", o.convergenceMode().trim().toLowerCase(Locale.ROOT));
        }
        if (o.convergenceThreshold() != null) {
            c.put("threshold", o.convergenceThreshold());
        }
        if (o.convergenceMinRuns() != null) {
            c.put("min_runs", o.convergenceMinRuns());
        }
    }

    // ---------------------------------------------------------------- phases

    /**
     * The phase the phase flags address: the one named {@code profiling}, else the single measured phase
     * (AIPerf's fallback for {@code phases.profiling}). {@code null} when no phase flag is given.
     */
    private static ObjectNode targetPhase(ObjectNode body, ProfileOptions o) {
        List<String> given = new ArrayList<>();
        addIf(given, "--concurrency", o.concurrency());
        addIf(given, "--prefill-concurrency", o.prefillConcurrency());
        addIf(given, "--request-rate", o.requestRate());
        addIf(given, "--request-rate-mode", o.requestRateMode());
        addIf(given, "--user-centric-rate", o.userCentricRate());
        addIf(given, "--request-count", o.requestCount());
        addIf(given, "--benchmark-duration", o.benchmarkDuration());
        addIf(given, "--benchmark-grace-period", o.benchmarkGracePeriod());
        addIf(given, "--num-conversations", o.numConversations());
        addIf(given, "--num-users", o.numUsers());
        addIf(given, "--warmup-request-count", o.warmupRequestCount());
        if (given.isEmpty()) {
            return null;
        }
        JsonNode phases = body.get("phases");
        if (!phases.isArray()) {
            return null; // reported by the binder
        }
        List<ObjectNode> measured = new ArrayList<>();
        for (JsonNode p : phases) {
            if (p.isObject() && BenchmarkBinder.DEFAULT_PHASE_NAME.equals(p.path("name").asText())) {
                return (ObjectNode) p;
            }
            if (p.isObject() && !p.path("exclude_from_results").asBoolean(false)) {
                measured.add((ObjectNode) p);
            }
        }
        if (measured.size() == 1) {
            return measured.get(0);
        }
        throw new ConfigException(String.join(", ", given), "these flags set the phase named 'profiling', but the"
                + " config has no such phase and " + measured.size() + " measured phases; name one of them"
                + " 'profiling' or set the values in the YAML");
    }

    private static void phaseValue(ObjectNode phase, String key, String flag, String value, Kind kind, String prefix,
                                   Map<String, List<JsonNode>> lists, Map<String, String> flagOfPath) {
        if (value == null) {
            return;
        }
        List<JsonNode> values = parseList(flag, value, kind);
        phase.set(key, values.get(0));
        if (values.size() > 1) {
            lists.put(prefix + key, values);
            flagOfPath.put(prefix + key, flag);
        }
    }

    /** Type, stop condition, grace period and warmup, which depend on several flags together. */
    private static void phaseShape(ProfileOptions o, ObjectNode phase) {
        if (o.userCentricRate() != null) {
            if (o.requestRate() != null) {
                throw new ConfigException("--user-centric-rate", "cannot be combined with --request-rate; pick one");
            }
            phase.set("rate", parseList("--user-centric-rate", o.userCentricRate(), Kind.POSITIVE_REAL, true).get(0));
            phase.put("type", "constant");
        }
        if (o.requestRateMode() != null) {
            String mode = o.requestRateMode().trim().toLowerCase(Locale.ROOT);
            if (!mode.equals("constant") && !mode.equals("poisson")) {
                throw new ConfigException("--request-rate-mode", "unknown mode '" + o.requestRateMode()
                        + "'; use constant or poisson");
            }
            if (!phase.hasNonNull("rate")) {
                throw new ConfigException("--request-rate-mode", "needs a rate; add --request-rate R");
            }
            phase.put("type", mode);
        } else if (o.requestRate() != null) {
            String type = phase.path("type").asText("");
            if (!type.equals("constant") && !type.equals("poisson") && !type.equals("gamma")) {
                phase.put("type", "poisson");
            }
        }
        // A stop condition given on the command line replaces the YAML's other one.
        if (o.requestCount() != null && o.benchmarkDuration() == null) {
            phase.remove("duration");
            phase.remove("grace_period");
        }
        if (o.benchmarkDuration() != null && o.requestCount() == null) {
            phase.remove("requests");
        }
        if (o.benchmarkGracePeriod() != null) {
            phase.set("grace_period", parseList("--benchmark-grace-period", o.benchmarkGracePeriod(),
                    Kind.NON_NEGATIVE_REAL, true).get(0));
        }
    }

    private static void warmup(ProfileOptions o, ObjectNode body, ObjectNode profiling) {
        if (o.warmupRequestCount() == null) {
            return;
        }
        if (o.warmupRequestCount() < 0) {
            throw new ConfigException("--warmup-request-count", "must be >= 0; got " + o.warmupRequestCount());
        }
        ArrayNode phases = (ArrayNode) body.get("phases");
        int existing = -1;
        for (int i = 0; i < phases.size(); i++) {
            if ("warmup".equals(phases.get(i).path("name").asText())) {
                existing = i;
            }
        }
        if (o.warmupRequestCount() == 0) {
            if (existing >= 0) {
                phases.remove(existing);
            }
            return;
        }
        if (existing >= 0) {
            ((ObjectNode) phases.get(existing)).put("requests", o.warmupRequestCount());
            return;
        }
        ObjectNode w = NODES.objectNode().put("name", "warmup").put("type", "concurrency")
                .put("exclude_from_results", true).put("requests", o.warmupRequestCount());
        JsonNode conc = profiling == null ? null : profiling.get("concurrency");
        w.put("concurrency", conc != null && conc.canConvertToInt() ? conc.asInt() : 1);
        phases.insert(0, w);
    }

    // ---------------------------------------------------------------- dataset

    private static void datasetFlags(ProfileOptions o, ObjectNode body, Map<String, List<JsonNode>> lists,
                                     Map<String, String> flagOfPath) {
        if (o.isl() == null && o.islStddev() == null && o.osl() == null && o.oslStddev() == null
                && o.conversationTurnMean() == null) {
            return;
        }
        JsonNode datasets = body.get("datasets");
        if (datasets == null || (datasets.isArray() && datasets.isEmpty())) {
            datasets = body.putArray("datasets").add(NODES.objectNode().put("name", BenchmarkBinder.DEFAULT_DATASET_NAME));
        }
        if (!datasets.isArray() || !datasets.get(0).isObject()) {
            return; // reported by the binder
        }
        ObjectNode ds = (ObjectNode) datasets.get(0);
        String prefix = "datasets." + ds.path("name").asText(BenchmarkBinder.DEFAULT_DATASET_NAME) + ".";
        distributionValue(ds, "prompts", "isl", "mean", "--isl", o.isl(), prefix, lists, flagOfPath);
        distributionValue(ds, "prompts", "isl", "stddev", "--isl-stddev", o.islStddev(), prefix, lists, flagOfPath);
        if (o.oslStddev() != null && o.osl() == null && !hasMean(ds.path("prompts").path("osl"))) {
            throw new ConfigException("--osl-stddev", "needs an output length mean; add --osl N");
        }
        distributionValue(ds, "prompts", "osl", "mean", "--osl", o.osl(), prefix, lists, flagOfPath);
        distributionValue(ds, "prompts", "osl", "stddev", "--osl-stddev", o.oslStddev(), prefix, lists, flagOfPath);
        distributionValue(ds, null, "turns", "mean", "--conversation-turn-mean", o.conversationTurnMean(), prefix, lists,
                flagOfPath);
    }

    private static boolean hasMean(JsonNode dist) {
        return dist.isNumber() || dist.has("mean") || dist.has("value");
    }

    /**
     * Sets {@code <group>.<name>.<field>} of the dataset entry, turning a scalar or {@code {value}} distribution
     * into {@code {mean, stddev}} form; a setting that needs a mean and has none gets ISL's default 550.
     */
    private static void distributionValue(ObjectNode ds, String group, String name, String field, String flag,
                                          String value, String prefix, Map<String, List<JsonNode>> lists,
                                          Map<String, String> flagOfPath) {
        if (value == null) {
            return;
        }
        List<JsonNode> values = parseList(flag, value, field.equals("stddev") ? Kind.NON_NEGATIVE_COUNT : Kind.COUNT);
        ObjectNode parent = group == null ? ds : object(ds, group);
        JsonNode current = parent.get(name);
        ObjectNode dist;
        if (current instanceof ObjectNode obj && !obj.has("points") && !obj.has("peaks")) {
            dist = obj;
            if (dist.has("value")) {
                dist.set("mean", dist.remove("value"));
            }
        } else {
            dist = NODES.objectNode();
            if (current != null && current.isNumber()) {
                dist.set("mean", current);
            }
            parent.set(name, dist);
        }
        dist.set(field, values.get(0));
        if (!dist.has("mean")) {
            dist.put("mean", (int) BenchmarkBinder.DEFAULT_ISL);
        }
        if (field.equals("stddev") && dist.has("type") && dist.get("type").asText().equals("fixed")) {
            dist.put("type", "normal");
        }
        String path = prefix + (group == null ? "" : group + ".") + name + "." + field;
        if (values.size() > 1) {
            lists.put(path, values);
            flagOfPath.put(path, flag);
        }
    }

    // ---------------------------------------------------------------- sweep

    private static void sweep(ProfileOptions o, ObjectNode env, Map<String, List<JsonNode>> lists,
                              Map<String, String> flagOfPath) {
        String type = null;
        if (o.sweepType() != null) {
            type = o.sweepType().trim().toLowerCase(Locale.ROOT);
            if (!type.equals("grid") && !type.equals("zip")) {
                throw new ConfigException("--sweep-type", "unknown sweep type '" + o.sweepType() + "'; use grid or zip");
            }
        }
        JsonNode yamlSweep = env.get("sweep");
        boolean hasYamlSweep = yamlSweep != null && !yamlSweep.isNull();
        if (!lists.isEmpty() && hasYamlSweep) {
            throw new ConfigException("sweep", "magic-list flags " + new ArrayList<>(flagOfPath.values())
                    + " cannot be combined with the config's sweep: block; put the values into sweep.parameters,"
                    + " or pass single values on the command line");
        }
        if (!lists.isEmpty()) {
            if ("zip".equals(type)) {
                Set<Integer> sizes = new HashSet<>();
                lists.values().forEach(v -> sizes.add(v.size()));
                if (sizes.size() > 1) {
                    Map<String, Integer> got = new LinkedHashMap<>();
                    flagOfPath.forEach((path, flag) -> got.put(flag, lists.get(path).size()));
                    throw new ConfigException("--sweep-type zip", "zip sweep parameters must all have equal length;"
                            + " got " + got + ". Give every list flag the same number of values, or use grid");
                }
            }
            ObjectNode sweep = env.putObject("sweep");
            sweep.put("type", type == null ? "grid" : type);
            ObjectNode params = sweep.putObject("parameters");
            lists.forEach((path, values) -> params.putArray(path).addAll(values));
        }
        JsonNode sweep = env.get("sweep");
        if (sweep instanceof ObjectNode s) {
            if (o.parameterSweepSameSeed() != null) {
                s.put("same_seed", o.parameterSweepSameSeed());
            }
            if (o.parameterSweepCooldownSeconds() != null) {
                s.put("cooldown_seconds", o.parameterSweepCooldownSeconds());
            }
        }
    }

    // ---------------------------------------------------------------- parsing

    private static List<JsonNode> parseList(String flag, String value, Kind kind) {
        return parseList(flag, value, kind, false);
    }

    /** Parses {@code 1,2,4}: every entry numeric and in range, no repeats (cells would collide). */
    static List<JsonNode> parseList(String flag, String value, Kind kind, boolean scalarOnly) {
        String[] parts = value.split(",", -1);
        if (scalarOnly && parts.length > 1) {
            throw new ConfigException(flag, "takes a single value; got '" + value + "'");
        }
        List<JsonNode> out = new ArrayList<>();
        Set<Double> seen = new HashSet<>();
        for (String raw : parts) {
            String s = raw.trim();
            double d;
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new ConfigException(flag, "'" + s + "' in '" + value + "' is not a number; write a number or a"
                        + " comma-separated list such as 1,2,4");
            }
            if (!Double.isFinite(d)) {
                throw new ConfigException(flag, "'" + s + "' is not a finite number (NaN and +/-inf are rejected)");
            }
            switch (kind) {
                case COUNT, NON_NEGATIVE_COUNT -> {
                    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                        throw new ConfigException(flag, "'" + s + "' is not a whole number");
                    }
                    int min = kind == Kind.COUNT ? 1 : 0;
                    if (d < min) {
                        throw new ConfigException(flag, "values must be >= " + min + "; got " + s);
                    }
                    out.add(IntNode.valueOf((int) d));
                }
                default -> {
                    if (kind == Kind.POSITIVE_REAL ? d <= 0 : d < 0) {
                        throw new ConfigException(flag, "values must be " + (kind == Kind.POSITIVE_REAL ? "> 0" : ">= 0")
                                + "; got " + s);
                    }
                    out.add(DoubleNode.valueOf(d));
                }
            }
            if (!seen.add(d)) {
                throw new ConfigException(flag, "'" + value + "' repeats the value " + s + "; each value becomes one"
                        + " sweep cell with the same label and directory, so list each value once");
            }
        }
        return out;
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(key);
    }

    private static void addIf(List<String> given, String flag, Object value) {
        if (value != null) {
            given.add(flag);
        }
    }
}
