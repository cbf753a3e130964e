package dev.aiperf.engine.config;

import dev.aiperf.engine.api.model.ConfigException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 */
public final class BenchmarkBinder {
    /** Keys of the {@code benchmark:} body. */
    public static final Set<String> BENCHMARK_KEYS =
            Set.of("models", "endpoint", "dataset", "datasets", "phases", "artifacts", "slos", "tokenizer");
    static final Set<String> ENDPOINT_KEYS = Set.of("url", "urls", "type", "streaming", "api_key", "headers",
            "timeout", "use_server_token_count", "http2");
    static final Set<String> DATASET_KEYS = Set.of("name", "type", "entries", "prompts", "turns", "tokenizer");
    static final Set<String> PHASE_KEYS = Set.of("name", "type", "requests", "duration", "rate", "concurrency",
            "prefill_concurrency", "grace_period", "exclude_from_results", "seamless", "concurrency_ramp",
            "rate_ramp", "sessions", "users", "smoothness");
    static final Set<String> ARTIFACT_KEYS = Set.of("dir", "summary");
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

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

        EndpointConfig endpoint = endpoint(root, problems);
        List<String> models = models(root, endpoint, problems);
        DatasetConfig dataset = dataset(root, problems);
        List<PhaseConfig> phases = phases(root, endpoint, problems);
        Map<String, Double> slos = slos(root, problems);
        ArtifactsConfig artifacts = artifacts(root, models, endpoint, phases, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new BenchmarkConfig(models, endpoint, dataset, phases, artifacts, slos);
    }

    /**
     * The canonical form of a benchmark tree (a deep copy): {@code models} a list, a singular {@code dataset:}
     * rewritten to {@code datasets: [{name: main, ...}]} (an empty {@code {name: main}} entry when none is
     * written), every dataset and phase named, and a lone {@code profiling} phase added when none is written. Sweep paths such as {@code phases.profiling.concurrency}
     * and {@code datasets.main.prompts.isl} resolve against this form.
     *
     * @throws ConfigException for both {@code dataset} and {@code datasets}, or more than one dataset
     */
    public static ObjectNode canonicalTree(ObjectNode benchmarkTree, SourceLines lines, String pathPrefix) {
        SourceLines sl = lines == null ? SourceLines.NONE : lines;
        String prefix = pathPrefix == null || pathPrefix.isEmpty() ? "" : pathPrefix + ".";
        ObjectNode out = NODES.objectNode();
        ObjectNode in = benchmarkTree == null ? NODES.objectNode() : benchmarkTree;
        if (in.hasNonNull("dataset") && in.hasNonNull("datasets")) {
            String p = prefix + "datasets";
            throw new ConfigException(p, sl.lineOf(p), "both 'dataset' and 'datasets' are given; keep one");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue().deepCopy();
            switch (e.getKey()) {
                case "models" -> out.set("models", v.isTextual() ? NODES.arrayNode().add(v) : v);
                case "dataset" -> out.set("datasets", v.isObject() ? NODES.arrayNode().add(v) : v);
                default -> out.set(e.getKey(), v);
            }
        }
        if (!out.hasNonNull("datasets")) {
            // Sweep paths such as datasets.main.prompts.isl need an entry to land in.
            out.set("datasets", NODES.arrayNode().add(NODES.objectNode().put("name", DEFAULT_DATASET_NAME)));
        }
        JsonNode datasets = out.get("datasets");
        if (datasets.isArray()) {
            if (datasets.size() > 1) {
                String p = prefix + "datasets";
                throw new ConfigException(p, sl.lineOf(p), "multiple datasets per config are not supported;"
                        + " run separate sweeps (one per dataset) and compare their aggregates");
            }
            if (datasets.size() == 1 && datasets.get(0).isObject() && !datasets.get(0).hasNonNull("name")) {
                ((ArrayNode) datasets).set(0, named(DEFAULT_DATASET_NAME, (ObjectNode) datasets.get(0)));
            }
        }
        if (!out.hasNonNull("phases")) {
            out.set("phases", NODES.arrayNode().add(NODES.objectNode().put("name", DEFAULT_PHASE_NAME)));
        } else if (out.get("phases").isArray()) {
            ArrayNode phases = (ArrayNode) out.get("phases");
            for (int i = 0; i < phases.size(); i++) {
                if (phases.get(i).isObject() && !phases.get(i).hasNonNull("name")) {
                    ObjectNode ph = (ObjectNode) phases.get(i);
                    boolean warmup = ph.path("exclude_from_results").asBoolean(false);
                    phases.set(i, named(warmup ? "warmup" : DEFAULT_PHASE_NAME, ph));
                }
            }
        }
        return out;
    }

    private static ObjectNode named(String name, ObjectNode entry) {
        ObjectNode n = NODES.objectNode().put("name", name);
        n.setAll(entry);
        return n;
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

    // ---------------------------------------------------------------- endpoint

    private static EndpointConfig endpoint(Fields root, Problems problems) {
        Fields f = Fields.of(root.get("endpoint"), root.pathOf("endpoint"), problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(ENDPOINT_KEYS);
        EndpointType type = EndpointType.CHAT;
        String typeName = f.string("type");
        if (typeName != null) {
            type = EndpointType.fromName(typeName);
            if (type == null) {
                List<String> names = java.util.Arrays.stream(EndpointType.values()).map(EndpointType::yamlName).toList();
                problems.add(f.pathOf("type"), "unknown endpoint type '" + typeName + "'" + ClosestKey.hintValue(typeName, names));
                type = EndpointType.CHAT;
            }
        }
        boolean streaming = f.bool("streaming", false);
        if (streaming && type == EndpointType.EMBEDDINGS) {
            problems.add(f.pathOf("streaming"), "embeddings endpoints do not stream; set streaming: false");
        }
        List<String> urls = urls(f, type, problems);
        Map<String, String> headers = new LinkedHashMap<>();
        Fields h = f.has("headers") ? Fields.of(f.get("headers"), f.pathOf("headers"), problems) : null;
        if (h != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = h.node().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    problems.add(h.pathOf(e.getKey()), "header values must be strings; got " + Fields.describe(e.getValue()));
                } else {
                    headers.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        String apiKey = f.string("api_key");
        Double timeout = f.number("timeout", 0, true);
        boolean http2 = f.bool("http2", false);
        if (http2) {
            // HTTP/2 is h2c with prior knowledge; over TLS it would need ALPN, which the client does not carry.
            urls.stream().filter(u -> u.regionMatches(true, 0, "https://", 0, 8)).findFirst().ifPresent(u ->
                    problems.add(f.pathOf("http2"), "HTTP/2 is supported over cleartext only (h2c, prior knowledge),"
                            + " not over TLS; '" + u + "' is https. Use an http:// URL, or drop --http2"
                            + " (http2: false) to send HTTP/1.1 over TLS"));
        }
        return new EndpointConfig(urls, type, streaming, apiKey == null || apiKey.isEmpty() ? null : apiKey, headers,
                timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout, f.bool("use_server_token_count", false), http2);
    }

    private static List<String> urls(Fields f, EndpointType type, Problems problems) {
        List<String> raw = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (f.has("url") && f.has("urls")) {
            problems.add(f.pathOf("url"), "both 'url' and 'urls' are given; keep one");
            return List.of();
        }
        String key = f.has("url") ? "url" : "urls";
        JsonNode v = f.get(key);
        if (v == null) {
            return List.of();
        }
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                raw.add(v.get(i).isValueNode() ? v.get(i).asText() : null);
                paths.add(f.pathOf(key) + "[" + i + "]");
            }
        } else if (v.isValueNode()) {
            raw.add(v.asText());
            paths.add(f.pathOf(key));
        } else {
            problems.add(f.pathOf(key), "expected a URL or a list of URLs; got " + Fields.describe(v));
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String u = EndpointUrls.resolve(raw.get(i), type);
            if (u == null) {
                problems.add(paths.get(i), "'" + raw.get(i) + "' is not an http(s) URL; write e.g."
                        + " http://localhost:8000 (the " + type.yamlName() + " path " + type.defaultPath()
                        + " is appended) or a full endpoint URL");
            } else {
                urls.add(u);
            }
        }
        return urls;
    }

    /** Turns a user's URL into a full endpoint URL. */
    static final class EndpointUrls {
        private EndpointUrls() {
        }

        /**
         * A URL without a scheme gets {@code http://}. A URL with no path (or just {@code /}) gets the type's
         * default path; one ending in {@code /v1} gets the
         * rest of it; any other path is a full endpoint URL and is kept. {@code null} if not an http(s) URL.
         */
        static String resolve(String url, EndpointType type) {
            if (url == null) {
                return null;
            }
            String s = url.trim();
            if (!s.contains("://")) {
                s = "http://" + s; // AIPerf accepts host:port, as its default localhost:8000
            }
            URI uri;
            try {
                uri = new URI(s);
            } catch (URISyntaxException e) {
                return null;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return s;
            }
            if (path.isEmpty() || path.equals("/")) {
                return stripSlash(s) + type.defaultPath();
            }
            if (path.equals("/v1") || path.equals("/v1/")) {
                return stripSlash(s) + type.defaultPath().substring("/v1".length());
            }
            return s;
        }

        private static String stripSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }

    // ---------------------------------------------------------------- dataset

    private static DatasetConfig dataset(Fields root, Problems problems) {
        String tokenizer = DEFAULT_TOKENIZER;
        if (root.has("tokenizer")) {
            JsonNode t = root.get("tokenizer");
            if (t.isObject() && t.hasNonNull("name") && t.size() == 1) {
                tokenizer = t.get("name").asText();
            } else if (t.isValueNode()) {
                tokenizer = t.asText();
            } else {
                problems.add(root.pathOf("tokenizer"), "expected a tokenizer name (e.g. cl100k_base), a path to a"
                        + " tokenizer.json, or {name: ...}; got " + Fields.describe(t));
            }
        }
        JsonNode list = root.get("datasets");
        String listPath = root.pathOf("datasets");
        if (list == null) {
            return new DatasetConfig(DEFAULT_DATASET_NAME, "synthetic", DEFAULT_ENTRIES,
                    new Distribution.Fixed(DEFAULT_ISL), null, null, tokenizer);
        }
        if (!list.isArray() || list.size() != 1) {
            problems.add(listPath, "expected one dataset (a mapping under 'dataset:'); got " + Fields.describe(list));
            return null;
        }
        Fields f = Fields.of(list.get(0), listPath + "[0]", problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(DATASET_KEYS);
        String name = f.string("name");
        if (name != null && !SAFE_NAME.matcher(name).matches()) {
            problems.add(f.pathOf("name"), "dataset names may use letters, digits, '_' and '-' only; got '" + name + "'");
        }
        String type = f.string("type");
        if (type != null && !type.equals("synthetic")) {
            problems.add(f.pathOf("type"), "only 'synthetic' datasets are supported; got '" + type + "'");
        }
        Integer entries = f.integer("entries", 1);
        Distribution isl = new Distribution.Fixed(DEFAULT_ISL);
        Distribution osl = null;
        Fields prompts = f.has("prompts") ? Fields.of(f.get("prompts"), f.pathOf("prompts"), problems) : null;
        if (prompts != null) {
            prompts.allowOnly(Set.of("isl", "osl"));
            if (prompts.has("isl")) {
                isl = DistributionBinder.bind(prompts.get("isl"), prompts.pathOf("isl"), problems, 1);
            }
            if (prompts.has("osl")) {
                osl = DistributionBinder.bind(prompts.get("osl"), prompts.pathOf("osl"), problems, 1);
            }
        }
        Distribution turns = f.has("turns") ? DistributionBinder.bind(f.get("turns"), f.pathOf("turns"), problems, 1) : null;
        if (turns != null && !(turns instanceof Distribution.Fixed fixed && fixed.value() == 1)) {
            // Silently sending single-turn prompts would measure something else than the config asks for.
            problems.add(f.pathOf("turns"), "multi-turn conversations are not supported: every conversation is one"
                    + " single-turn request; remove turns (--conversation-turn-mean) or set it to 1");
        }
        String dsTokenizer = f.string("tokenizer");
        return new DatasetConfig(name == null ? DEFAULT_DATASET_NAME : name, "synthetic",
                entries == null ? DEFAULT_ENTRIES : entries, isl, osl, turns,
                dsTokenizer != null ? dsTokenizer : tokenizer);
    }

    // ---------------------------------------------------------------- phases

    private static List<PhaseConfig> phases(Fields root, EndpointConfig endpoint, Problems problems) {
        JsonNode list = root.get("phases");
        String listPath = root.pathOf("phases");
        if (!list.isArray() || list.isEmpty()) {
            problems.add(listPath, "expected a non-empty list of phases, e.g. [{name: profiling, type: concurrency,"
                    + " concurrency: 8, requests: 100}]; got " + Fields.describe(list));
            return null;
        }
        List<PhaseConfig> phases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            PhaseConfig p = phase(list.get(i), listPath + "[" + i + "]", endpoint, problems);
            if (p == null) {
                continue;
            }
            if (!names.add(p.name())) {
                problems.add(listPath + "[" + i + "].name", "phase names must be unique; '" + p.name()
                        + "' is used twice (sweep paths like phases." + p.name() + ".concurrency match by name)");
            }
            phases.add(p);
        }
        if (phases.size() == list.size() && phases.stream().allMatch(PhaseConfig::excludeFromResults)) {
            problems.add(listPath, "every phase has exclude_from_results: true; at least one phase must be measured");
        }
        return phases.size() == list.size() ? phases : null;
    }

    private static PhaseConfig phase(JsonNode node, String path, EndpointConfig endpoint, Problems problems) {
        Fields f = Fields.of(node, path, problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(PHASE_KEYS);
        String name = f.string("name");
        if (name != null && !SAFE_NAME.matcher(name).matches()) {
            problems.add(f.pathOf("name"), "phase names may use letters, digits, '_' and '-' only (they appear in"
                    + " sweep paths); got '" + name + "'");
        }
        Integer requests = f.integer("requests", 1);
        Double duration = f.number("duration", 0, true);
        Double rate = f.number("rate", 0, true);
        Integer concurrency = f.integer("concurrency", 1);
        Integer prefill = f.integer("prefill_concurrency", 1);
        Double grace = f.number("grace_period", 0, false);
        Integer sessions = f.integer("sessions", 1);
        Integer users = f.integer("users", 1);
        Double smoothness = f.number("smoothness", 0, true);
        boolean exclude = f.bool("exclude_from_results", false);
        boolean seamless = f.bool("seamless", false);

        PhaseType type = f.has("rate") ? PhaseType.POISSON : PhaseType.CONCURRENCY;
        String typeName = f.string("type");
        if (typeName != null) {
            type = PhaseType.fromName(typeName);
            if (type == null) {
                List<String> names = java.util.Arrays.stream(PhaseType.values()).map(PhaseType::yamlName).toList();
                problems.add(f.pathOf("type"), "unknown phase type '" + typeName + "'" + ClosestKey.hintValue(typeName, names));
                return null;
            }
        }
        if (type.openLoop() && !f.has("rate")) {
            problems.add(f.pathOf("type"), "a " + type.yamlName() + " phase needs a rate in requests per second,"
                    + " e.g. rate: 10");
        }
        if (!type.openLoop() && f.has("rate")) {
            problems.add(f.pathOf("rate"), "rate is only used by constant, poisson and gamma phases; set type:"
                    + " poisson (or constant) or remove rate");
        }
        if (smoothness != null && type != PhaseType.GAMMA) {
            problems.add(f.pathOf("smoothness"), "smoothness is the shape of a gamma phase; set type: gamma or"
                    + " remove smoothness");
        }
        if (f.has("grace_period") && !f.has("duration")) {
            problems.add(f.pathOf("grace_period"), "grace_period only applies to duration-based phases; set"
                    + " duration or remove grace_period");
        }
        if (concurrency == null && type == PhaseType.CONCURRENCY && !f.has("concurrency")) {
            concurrency = 1;
        }
        if (prefill != null && concurrency != null && f.has("concurrency") && prefill > concurrency) {
            problems.add(f.pathOf("prefill_concurrency"), "must be <= concurrency (" + concurrency + "); got " + prefill);
        }
        if (prefill != null && endpoint != null && !endpoint.streaming()) {
            problems.add(f.pathOf("prefill_concurrency"), "needs streaming responses to see when prefill ends;"
                    + " set endpoint.streaming: true (--streaming)");
        }
        if (requests == null && duration == null && sessions == null
                && !f.has("requests") && !f.has("duration") && !f.has("sessions")) {
            requests = DEFAULT_REQUEST_COUNT;
        }
        if (sessions != null) {
            // Conversations are single-turn (datasets.*.turns is 1), so a session is one request: a phase stops after
            // `sessions` requests, or after `requests` if that comes first.
            requests = requests == null ? sessions : Math.min(requests, sessions);
        }
        Ramp concurrencyRamp = null;
        if (f.has("concurrency_ramp")) {
            if (concurrency == null) {
                problems.add(f.pathOf("concurrency_ramp"), "a concurrency ramp needs a target concurrency; set"
                        + " concurrency");
            } else {
                concurrencyRamp = ramp(f, "concurrency_ramp", 1, concurrency, problems);
            }
        }
        Ramp rateRamp = null;
        if (f.has("rate_ramp")) {
            if (!type.openLoop()) {
                problems.add(f.pathOf("rate_ramp"), "rate_ramp needs a constant, poisson or gamma phase with a rate");
            } else if (rate != null) {
                rateRamp = ramp(f, "rate_ramp", Double.MIN_VALUE, rate, problems);
            }
        }
        return new PhaseConfig(name == null ? DEFAULT_PHASE_NAME : name, type, requests, duration, rate,
                concurrency, prefill, grace, exclude, seamless, concurrencyRamp, rateRamp, sessions, users, smoothness);
    }

    /**
     * A ramp: a number N means "from 1 up to the target over N seconds"; a mapping {@code {start, duration}}
     * gives the starting value (default 1) explicitly. The start must lie below the target.
     */
    private static Ramp ramp(Fields phase, String key, double minStart, double target, Problems problems) {
        String path = phase.pathOf(key);
        JsonNode v = phase.get(key);
        double start = 1;
        Double duration;
        if (v.isObject()) {
            Fields r = new Fields((ObjectNode) v, path, problems);
            r.allowOnly(Set.of("start", "duration"));
            duration = r.number("duration", 0, true);
            if (!r.has("duration")) {
                problems.add(path, "a ramp needs a duration in seconds, e.g. {start: 1, duration: 10}");
            }
            if (r.has("start")) {
                Double s = r.number("start", 0, true);
                if (s == null) {
                    return null;
                }
                start = s;
            }
            if (start < minStart) {
                problems.add(r.pathOf("start"), "must be >= " + Fields.fmt(minStart) + "; got " + Fields.fmt(start));
                return null;
            }
        } else {
            duration = Fields.number(v, path, problems);
            if (duration != null && duration <= 0) {
                problems.add(path, "a ramp duration must be > 0 seconds; got " + Fields.fmt(duration));
                return null;
            }
        }
        if (duration == null) {
            return null;
        }
        if (start > target) {
            problems.add(path, "the ramp starts at " + Fields.fmt(start) + ", above the target "
                    + Fields.fmt(target) + "; ramps go up to the phase's value");
            return null;
        }
        return new Ramp(start, duration);
    }

    // ---------------------------------------------------------------- slos, artifacts

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

    private static ArtifactsConfig artifacts(Fields root, List<String> models, EndpointConfig endpoint,
                                             List<PhaseConfig> phases, Problems problems) {
        Fields f = Fields.of(root.get("artifacts"), root.pathOf("artifacts"), problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(ARTIFACT_KEYS);
        List<String> summary = List.of("json", "csv");
        if (f.has("summary")) {
            JsonNode s = f.get("summary");
            List<String> out = new ArrayList<>();
            if (!s.isArray()) {
                problems.add(f.pathOf("summary"), "expected a list of formats, e.g. [json, csv]; got " + Fields.describe(s));
            } else {
                for (int i = 0; i < s.size(); i++) {
                    String fmt = s.get(i).asText();
                    if (!fmt.equals("json") && !fmt.equals("csv")) {
                        problems.add(f.pathOf("summary") + "[" + i + "]", "unknown summary format '" + fmt
                                + "'; use json or csv");
                    }
                    out.add(fmt);
                }
                summary = out;
            }
        }
        String dir = f.string("dir");
        if (dir == null) {
            if (models.isEmpty() || endpoint == null || phases == null) {
                return null;
            }
            dir = defaultDir(models, endpoint, phases);
        }
        return new ArtifactsConfig(Path.of(dir), summary);
    }

    /**
     * AIPerf's auto-named artifact directory: {@code artifacts/<model>-openai-<type>-<stimulus>}, the stimulus
     * being {@code concurrency<N>} and/or {@code request_rate<R>} of the first measured phase.
     */
    static String defaultDir(List<String> models, EndpointConfig endpoint, List<PhaseConfig> phases) {
        String model = models.get(0).replace('/', '_').replace('\\', '_');
        if (models.size() > 1) {
            model += "_multi";
        }
        PhaseConfig p = phases.stream().filter(ph -> !ph.excludeFromResults()).findFirst().orElse(phases.get(0));
        List<String> stimulus = new ArrayList<>();
        if (p.concurrency() != null) {
            stimulus.add("concurrency" + p.concurrency());
        }
        if (p.type().openLoop() && p.rate() != null) {
            stimulus.add("request_rate" + pythonFloat(p.rate()));
        }
        return "artifacts/" + model + "-openai-" + endpoint.type().yamlName() + "-" + String.join("-", stimulus);
    }

    /** Python's str() of a float: 10.0 stays "10.0". */
    static String pythonFloat(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e16 ? (long) d + ".0" : Double.toString(d);
    }
}
