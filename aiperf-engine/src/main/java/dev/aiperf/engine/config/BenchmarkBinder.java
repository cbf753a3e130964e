package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds a {@code benchmark:} tree to a validated {@link BenchmarkConfig}, applying AIPerf's defaults.
 *
 * <p>Standalone on purpose: it binds the base config and, again, each sweep variation's overridden copy of the
 * tree. It accepts both the written form (singular {@code dataset:}, {@code models} as a string, no
 * {@code phases}) and the canonical form produced by {@link #canonicalTree}. All problems found are reported in
 * one {@link ConfigException} (path, line and fix for each).
 *
 * <p>Each part of the body has its binder ({@link EndpointBinder}, {@link DatasetBinder}, {@link PhaseBinder},
 * {@link ArtifactsBinder}); the models list and the SLOs, a few lines each, are bound here. AIPerf's defaults
 * stay here too, in one place, since front-ends and the planner read them.
 */
public final class BenchmarkBinder {
    /** Keys of the {@code benchmark:} body. */
    public static final Set<String> BENCHMARK_KEYS =
            Set.of("models", "endpoint", "dataset", "datasets", "phases", "artifacts", "slos", "tokenizer");
    /** Metric tags that may carry a per-request SLO (goodput). */
    public static final Set<String> SLO_METRICS = Set.of("request_latency", "time_to_first_token",
            "time_to_second_token", "inter_token_latency", "inter_chunk_latency", "output_token_throughput_per_user",
            "output_sequence_length", "input_sequence_length");

    /** The dataset entry name a singular {@code dataset:} gets, and the one CLI flags address. */
    public static final String DEFAULT_DATASET_NAME = "main";
    /** The phase created when none is written, and the one CLI flags address. */
    public static final String DEFAULT_PHASE_NAME = "profiling";
    public static final String DEFAULT_TOKENIZER = "cl100k_base";
    public static final String EMBEDDED_MODEL = "mock-model";
    public static final int DEFAULT_REQUEST_COUNT = 10;
    public static final double DEFAULT_ISL = 550;
    public static final int DEFAULT_ENTRIES = 100;
    public static final double DEFAULT_TIMEOUT_SECONDS = 600;

    /** Names of phases and datasets: they appear in sweep paths and directory names. */
    static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private BenchmarkBinder() {
    }

    /**
     * Binds {@code benchmarkTree}; {@code pathPrefix} (e.g. {@code benchmark}) prefixes every path in errors and
     * is what {@code lines} is keyed by. The tree is not modified.
     */
    public static BenchmarkConfig bind(ObjectNode benchmarkTree, SourceLines lines, String pathPrefix) {
        Problems problems = new Problems(lines);
        BenchmarkConfig config = bind(benchmarkTree, lines, pathPrefix, problems);
        problems.throwIfAny();
        return config;
    }

    /** Binds, recording problems instead of throwing (except for the structural ones of {@link #canonicalTree}). */
    static BenchmarkConfig bind(ObjectNode benchmarkTree, SourceLines lines, String pathPrefix, Problems problems) {
        String prefix = pathPrefix == null ? "" : pathPrefix;
        ObjectNode tree = canonicalTree(benchmarkTree, lines, prefix);
        Fields root = new Fields(tree, prefix, problems);
        root.allowOnly(BENCHMARK_KEYS);

        EndpointConfig endpoint = EndpointBinder.bind(root, problems);
        List<String> models = models(root, endpoint, problems);
        DatasetBinder.Bound dataset = DatasetBinder.bind(root, problems);
        List<PhaseConfig> phases = PhaseBinder.bind(root, endpoint, dataset, problems);
        Map<String, Double> slos = slos(root, problems);
        ArtifactsConfig artifacts = ArtifactsBinder.bind(root, models, endpoint, phases, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new BenchmarkConfig(models, endpoint, dataset.dataset(), phases, artifacts, slos);
    }

    /**
     * The canonical form of a benchmark tree, a deep copy ({@link CanonicalTree}): {@code models} a list, the one
     * dataset in {@code datasets: [{name: main, ...}]}, every dataset and phase named, a lone {@code profiling}
     * phase when none is written. Sweep paths such as {@code phases.profiling.concurrency} resolve against it.
     *
     * @throws ConfigException for both {@code dataset} and {@code datasets}, or more than one dataset
     */
    public static ObjectNode canonicalTree(ObjectNode benchmarkTree, SourceLines lines, String pathPrefix) {
        return CanonicalTree.of(benchmarkTree, lines, pathPrefix);
    }

    // ---------------------------------------------------------------- models

    private static List<String> models(Fields root, EndpointConfig endpoint, Problems problems) {
        String path = root.pathOf("models");
        JsonNode v = root.get("models");
        if (v == null) {
            if (endpoint == null || endpoint.usesEmbeddedServer()) {
                return List.of(EMBEDDED_MODEL);
            }
            problems.add(path, "no model given; name the served model, e.g. models: [my-model] or --model my-model");
            return List.of();
        }
        if (!v.isArray() || v.isEmpty()) {
            problems.add(path, "expected a model name or a non-empty list of names; got " + Fields.describe(v));
            return List.of();
        }
        List<String> models = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode m = v.get(i);
            if (!m.isValueNode() || m.asText().isBlank()) {
                problems.add(path + "[" + i + "]", "expected a model name; got " + Fields.describe(m));
            } else {
                models.add(m.asText());
            }
        }
        return models;
    }

    // ---------------------------------------------------------------- slos

    private static Map<String, Double> slos(Fields root, Problems problems) {
        Map<String, Double> slos = new LinkedHashMap<>();
        if (!root.has("slos")) {
            return slos;
        }
        Fields f = Fields.of(root.get("slos"), root.pathOf("slos"), problems);
        if (f == null) {
            return slos;
        }
        List<String> known = new ArrayList<>(SLO_METRICS);
        known.sort(null);
        for (Iterator<String> it = f.node().fieldNames(); it.hasNext(); ) {
            String tag = it.next();
            if (!SLO_METRICS.contains(tag)) {
                problems.add(f.pathOf(tag), "unknown SLO metric '" + tag + "'" + ClosestKey.hint(tag, known));
                continue;
            }
            Double threshold = f.number(tag, 0, true);
            if (threshold != null) {
                slos.put(tag, threshold);
            }
        }
        return slos;
    }
}
