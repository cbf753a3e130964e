package dev.aiperf.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aiperf.engine.api.model.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads AIPerf's YAML envelope ({@code benchmark}, {@code sweep}, {@code multi_run}, {@code random_seed},
 * {@code variables}, {@code no_sweep_table}) into a validated {@link AIPerfConfig}.
 *
 * <p>Flow: {@code ${VAR}}/{@code ${VAR:default}} substitution on the text, YAML parsing (line of every key
 * recorded), normalisation ({@link BenchmarkBinder#canonicalTree}), binding with every problem reported.
 * {@link #resolve} adds the command line on top.
 */
public final class ConfigLoader {
    /** Top-level keys of the envelope. */
    public static final Set<String> ENVELOPE_KEYS =
            Set.of("benchmark", "sweep", "multi_run", "random_seed", "variables", "no_sweep_table");
    /** Environment variables read for the API key when neither {@code --api-key} nor the YAML gives one. */
    public static final List<String> API_KEY_ENV = List.of("AIPERF_API_KEY", "OPENAI_API_KEY");
    /** YAML-level magic lists: phase keys whose list-of-numbers value becomes an implicit grid sweep. */
    static final Set<String> MAGIC_PHASE_KEYS = Set.of("concurrency", "prefill_concurrency", "rate", "requests",
            "duration", "sessions", "users");
    static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key", "api-key");
    static final String REDACTED = "<redacted>";

    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigLoader() {
    }

    /** A parsed YAML envelope with the line of every key. */
    public record ParsedYaml(ObjectNode envelope, SourceLines lines) {
    }

    /**
     * Reads, substitutes, parses and validates the file {@code yaml}; relative dataset paths in it are relative to
     * its directory ({@link DatasetPaths}).
     */
    public static AIPerfConfig load(Path yaml, Map<String, String> env) {
        ParsedYaml parsed = parse(yaml, env);
        DatasetPaths.resolveAgainst(parsed.envelope(), yaml.toAbsolutePath().getParent());
        return fromTree(parsed.envelope(), parsed.lines());
    }

    /** As {@link #load} for YAML text; {@code sourceName} names it in messages. */
    public static AIPerfConfig loadString(String yaml, String sourceName, Map<String, String> env) {
        ParsedYaml parsed = parseString(yaml, sourceName, env);
        return fromTree(parsed.envelope(), parsed.lines());
    }

    /** Reads and parses {@code yaml} without validating it. */
    public static ParsedYaml parse(Path yaml, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + yaml + " does not exist; check the --config path");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + yaml + ": " + e.getMessage());
        }
        return parseString(text, yaml.toString(), env);
    }

    /** Substitutes {@code ${VAR}} from {@code env} and parses {@code yaml} without validating it. */
    public static ParsedYaml parseString(String yaml, String sourceName, Map<String, String> env) {
        String text = EnvSubstitution.apply(yaml, sourceName, env == null ? Map.of() : env);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(sourceName, line, "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = NODES.objectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(sourceName, 1, "expected a mapping with a benchmark: key at the top"
                    + " level; got " + Fields.describe(root));
        }
        return new ParsedYaml((ObjectNode) root, YamlSourceLines.scan(text));
    }

    /** Validates an envelope tree (e.g. one built by a front-end); {@code lines} may be {@link SourceLines#NONE}. */
    public static AIPerfConfig fromTree(ObjectNode envelope, SourceLines lines) {
        Problems problems = new Problems(lines);
        ObjectNode env = envelope == null ? NODES.objectNode() : envelope;
        for (Iterator<String> it = env.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (ENVELOPE_KEYS.contains(key)) {
                continue;
            }
            if (BenchmarkBinder.BENCHMARK_KEYS.contains(key)) {
                problems.add(key, "'" + key + "' belongs under benchmark:; indent it below a top-level"
                        + " 'benchmark:' key");
            } else {
                problems.add(key, "unknown top-level key '" + key + "'"
                        + ClosestKey.hint(key, ENVELOPE_KEYS.stream().sorted().toList()));
            }
        }
        Fields top = new Fields(env, "", problems);
        Long seed = null;
        if (top.has("random_seed")) {
            Double d = top.number("random_seed", 0, false);
            if (d != null && (d != Math.rint(d) || d > Long.MAX_VALUE)) {
                problems.add("random_seed", "expected a whole number >= 0; got " + env.get("random_seed").asText());
            } else if (d != null) {
                seed = env.get("random_seed").asLong();
            }
        }
        ObjectNode variables = NODES.objectNode();
        if (top.has("variables")) {
            Fields v = Fields.of(env.get("variables"), "variables", problems);
            if (v != null) {
                variables = v.node().deepCopy();
            }
        }
        top.bool("no_sweep_table");
        JsonNode sweep = top.get("sweep");
        if (sweep != null && !sweep.isObject()) {
            problems.add("sweep", "expected a mapping such as {type: grid, parameters: {concurrency: [1, 2, 4]}};"
                    + " got " + Fields.describe(sweep));
        }
        MultiRunConfig multiRun = MultiRunBinder.bind(env.get("multi_run"), "multi_run", problems);
        if (multiRun != null && multiRun.convergence() != null && sweep != null && sweep.isObject()
                && sweep.path("iteration_order").asText("repeated").equals("repeated")) {
            problems.add("multi_run.convergence", "convergence stops each configuration after its own number of"
                    + " trials, which sweep.iteration_order 'repeated' cannot interleave. Use 'independent' instead"
                    + " (sweep: {iteration_order: independent}).");
        }

        ObjectNode body = NODES.objectNode();
        if (top.has("benchmark")) {
            Fields b = Fields.of(env.get("benchmark"), "benchmark", problems);
            if (b != null) {
                body = b.node();
            }
        }
        ObjectNode canonical = BenchmarkBinder.canonicalTree(body, lines, "benchmark");
        if (sweep == null) {
            sweep = liftYamlMagicLists(canonical, problems, false);
            if (sweep instanceof ObjectNode lifted && multiRun != null && multiRun.convergence() != null) {
                // Convergence stops each cell on its own, which only the independent order can do; a sweep made of
                // magic lists cannot state an order, so it takes that one (a sweep: block must say so itself).
                lifted.put("iteration_order", "independent");
            }
        } else {
            liftYamlMagicLists(canonical, problems, true);
            sweep = sweep.deepCopy();
        }
        BenchmarkConfig benchmark = BenchmarkBinder.bind(canonical, lines, "benchmark", problems);
        problems.throwIfAny();
        return new AIPerfConfig(canonical, benchmark, sweep, multiRun, seed, variables);
    }

    /**
     * AIPerf's YAML magic lists: with no {@code sweep:} block, a phase key such as {@code concurrency: [1, 2, 4]}
     * becomes a grid over {@code phases.<name>.<key>}, the first value staying in the base as placeholder.
     */
    private static JsonNode liftYamlMagicLists(ObjectNode canonical, Problems problems, boolean explicitSweep) {
        JsonNode phases = canonical.get("phases");
        if (phases == null || !phases.isArray()) {
            return null;
        }
        ObjectNode parameters = NODES.objectNode();
        for (int i = 0; i < phases.size(); i++) {
            if (!phases.get(i).isObject()) {
                continue;
            }
            ObjectNode phase = (ObjectNode) phases.get(i);
            List<String> keys = new ArrayList<>();
            phase.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode v = phase.get(key);
                if (!MAGIC_PHASE_KEYS.contains(key) || !v.isArray() || v.isEmpty()) {
                    continue;
                }
                boolean numbers = true;
                for (JsonNode e : v) {
                    numbers &= e.isNumber();
                }
                if (!numbers) {
                    continue;
                }
                String path = "benchmark.phases[" + i + "]." + key;
                if (explicitSweep) {
                    problems.add(path, "a list here is a magic-list sweep, which is only used when there is no"
                            + " sweep: block; move the values into sweep.parameters or give a single number");
                    phase.set(key, v.get(0).deepCopy());
                    continue;
                }
                Set<String> seen = new java.util.HashSet<>();
                for (JsonNode e : v) {
                    if (!seen.add(e.asText())) {
                        problems.add(path, "the list repeats the value " + e.asText()
                                + "; each value becomes one sweep cell, so list each value once");
                    }
                }
                parameters.set("phases." + phase.path("name").asText() + "." + key, v.deepCopy());
                phase.set(key, v.get(0).deepCopy());
            }
        }
        if (parameters.isEmpty()) {
            return null;
        }
        ObjectNode sweep = NODES.objectNode().put("type", "grid");
        sweep.set("parameters", parameters);
        return sweep;
    }

    /**
     * The envelope of {@code config} as a tree for writing {@code input_config}: the canonical benchmark body,
     * sweep, multi_run, random_seed and variables, with every {@code api_key} and every secret header
     * (Authorization, Proxy-Authorization, X-Api-Key, Api-Key) replaced by {@code <redacted>}.
     */
    public static ObjectNode redactedTree(AIPerfConfig config) {
        ObjectNode out = NODES.objectNode();
        out.set("benchmark", config.benchmarkTree().deepCopy());
        if (config.sweepTree() != null) {
            out.set("sweep", config.sweepTree().deepCopy());
        }
        out.set("multi_run", multiRunTree(config.multiRun()));
        if (config.randomSeed() != null) {
            out.put("random_seed", config.randomSeed());
        }
        if (config.variables() != null && !config.variables().isEmpty()) {
            out.set("variables", config.variables().deepCopy());
        }
        redact(out, false);
        return out;
    }

    /** Replaces secrets in place anywhere in {@code node} (scenario runs may carry their own endpoint). */
    private static void redact(JsonNode node, boolean inHeaders) {
        if (node instanceof ObjectNode obj) {
            List<String> keys = new ArrayList<>();
            obj.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode v = obj.get(k);
                boolean secret = k.equals("api_key")
                        || (inHeaders && SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)));
                if (secret && v != null && !v.isNull()) {
                    obj.put(k, REDACTED);
                } else {
                    redact(v, k.equals("headers"));
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (JsonNode e : arr) {
                redact(e, false);
            }
        }
    }

    private static ObjectNode multiRunTree(MultiRunConfig m) {
        ObjectNode n = NODES.objectNode();
        n.put("num_runs", m.numRuns());
        n.put("cooldown_seconds", m.cooldownSeconds());
        n.put("confidence_level", m.confidenceLevel());
        n.put("set_consistent_seed", m.setConsistentSeed());
        n.put("vary_seed_per_trial", m.varySeedPerTrial());
        n.put("disable_warmup_after_first", m.disableWarmupAfterFirst());
        if (m.convergence() != null) {
            MultiRunConfig.ConvergenceConfig c = m.convergence();
            ObjectNode cn = n.putObject("convergence");
            cn.put("metric", c.metric());
            cn.put("stat", c.stat());
            cn.put("mode", c.mode().name().toLowerCase(Locale.ROOT));
            cn.put("threshold", c.threshold());
            cn.put("min_runs", c.minRuns());
        }
        return n;
    }
}
