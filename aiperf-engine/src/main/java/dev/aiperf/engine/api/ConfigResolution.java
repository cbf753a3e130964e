package dev.aiperf.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.SweepSpec;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.BenchmarkBinder;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.DatasetPaths;
import dev.aiperf.engine.config.FlagOverrides;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.recipe.SearchFlags;
import dev.aiperf.engine.sweep.DottedPath;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.SweepParser;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns what a front-end gave ({@link ProfileOptions}, a YAML text, path overrides, a {@link SweepSpec}, a fallback
 * endpoint) into one validated {@link AIPerfConfig}, in the order a user expects: the YAML, then the options over
 * it (as flags override {@code --config}), then the overrides, the sweep, the search options, the API key from the
 * environment, and last the fallback endpoint when nothing named one.
 */
final class ConfigResolution {

    /** Environment variables read for the API key when neither the options nor the YAML give one. */
    static final List<String> API_KEY_ENV = List.of("AIPERF_API_KEY", "OPENAI_API_KEY");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigResolution() {
    }

    /**
     * The endpoint when neither the YAML nor the options name one.
     *
     * @param url          asked only when no URL is configured (it may start a server)
     * @param model        the model served there, used when the config names none
     * @param defaultModel the model when a URL is configured but no model, or {@code null}
     */
    record Fallback(Supplier<String> url, String model, String defaultModel) {
    }

    /** The inputs of a resolution; see {@link Benchmark.Builder}. */
    record Inputs(ProfileOptions options, String yamlText, String yamlSource, Map<String, Object> overrides,
                  SweepSpec sweep, Fallback fallback, Map<String, String> environment) {
    }

    /** A resolved config and its sweep, parsed once with the YAML's lines (or {@code null} without a sweep). */
    record Resolved(AIPerfConfig config, SweepConfig sweep) {
    }

    static Resolved resolve(Inputs in) {
        ProfileOptions opts = in.options();
        Map<String, String> env = in.environment() == null ? Map.of() : in.environment();
        ConfigLoader.ParsedYaml parsed;
        if (in.yamlText() != null) {
            parsed = ConfigLoader.parseString(in.yamlText(), in.yamlSource(), env);
        } else if (opts.config() != null) {
            parsed = ConfigLoader.parse(opts.config(), env);
            // Before the flags: a dataset path in the file is relative to the file, an --input-file to the shell.
            DatasetPaths.resolveAgainst(parsed.envelope(), opts.config().toAbsolutePath().getParent());
        } else {
            parsed = new ConfigLoader.ParsedYaml(NODES.objectNode(), SourceLines.NONE);
        }
        boolean yamlSweep = parsed.envelope().hasNonNull("sweep");
        ObjectNode envelope = FlagOverrides.apply(opts, parsed.envelope());
        applyOverrides(envelope, in.overrides());
        if (in.sweep() != null) {
            if (envelope.hasNonNull("sweep")) {
                throw new ConfigException("sweep", yamlSweep
                        ? "a sweep is given in code and in the config's sweep: block; remove one of them"
                        : "a sweep is given in code and by comma-list options; give single values or one sweep");
            }
            envelope.set("sweep", sweepTree(in.sweep(), (ObjectNode) envelope.get("benchmark")));
        }
        if (!yamlSweep) {
            independentWhenConverging(envelope);
        }
        SearchFlags.apply(opts.searchOptions(), opts.concurrency(), yamlSweep || in.sweep() != null, envelope);
        applySweepOverrides(envelope, in.overrides());
        fillApiKeyFromEnvironment(envelope, env);
        if (in.fallback() != null) {
            applyFallback(envelope, in.fallback());
        }
        AIPerfConfig config = ConfigLoader.fromTree(envelope, parsed.lines());
        // Parsed here, with the YAML's lines, so a mistake in the sweep: block names its line too.
        return new Resolved(config, config.sweepTree() == null ? null : SweepParser.parse(config.sweepTree(),
                parsed.lines()));
    }

    /**
     * Convergence stops each cell after its own number of trials, which only the {@code independent} order can
     * do; a sweep made from comma lists or given in code, with no order chosen, takes that order (a YAML sweep
     * states its own, and {@code repeated} with convergence is reported as an error).
     */
    private static void independentWhenConverging(ObjectNode envelope) {
        JsonNode sweep = envelope.get("sweep");
        boolean converging = envelope.path("multi_run").path("convergence").isObject();
        if (converging && sweep instanceof ObjectNode s && !s.has("iteration_order")) {
            s.put("iteration_order", "independent");
        }
    }

    // ---------------------------------------------------------------- path overrides

    /**
     * {@code multi_run.*} and {@code random_seed} set the envelope; anything else is a dotted path into the benchmark
     * (aliases such as {@code concurrency} allowed).
     */
    private static void applyOverrides(ObjectNode envelope, Map<String, Object> overrides) {
        ObjectNode body = (ObjectNode) envelope.get("benchmark");
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            String path = e.getKey();
            JsonNode value = value(e.getValue(), "the value of " + path);
            if (path.startsWith("sweep.")) {
                continue; // applied once the search options built the sweep
            }
            if (path.equals("random_seed")) {
                envelope.set("random_seed", value);
            } else if (path.startsWith("multi_run.")) {
                setNested(envelope, ("multi_run." + path.substring("multi_run.".length())).split("\\."), value);
            } else {
                String canonical = DottedPath.againstBody(DottedPath.canonical(path), body);
                DottedPath.set(body, variables(envelope), canonical, value);
            }
        }
    }

    /** {@code sweep.<key>} overrides, e.g. a recipe's {@code max_iterations}; there must be a sweep to set. */
    private static void applySweepOverrides(ObjectNode envelope, Map<String, Object> overrides) {
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            if (!e.getKey().startsWith("sweep.")) {
                continue;
            }
            if (!(envelope.get("sweep") instanceof ObjectNode)) {
                throw new ConfigException(e.getKey(), "there is no sweep to set it on; define a sweep first");
            }
            setNested(envelope, e.getKey().split("\\."), value(e.getValue(), "the value of " + e.getKey()));
        }
    }

    private static void setNested(ObjectNode node, String[] segs, JsonNode value) {
        ObjectNode cur = node;
        for (int i = 0; i < segs.length - 1; i++) {
            JsonNode child = cur.get(segs[i]);
            cur = child instanceof ObjectNode o ? o : cur.putObject(segs[i]);
        }
        cur.set(segs[segs.length - 1], value);
    }

    private static ObjectNode variables(ObjectNode envelope) {
        JsonNode v = envelope.get("variables");
        return v instanceof ObjectNode o ? o : envelope.putObject("variables");
    }

    // ---------------------------------------------------------------- sweep given in code

    /** The {@code sweep:} tree of {@code spec}; scenario values become nested overrides of the benchmark. */
    static ObjectNode sweepTree(SweepSpec spec, ObjectNode body) {
        ObjectNode sweep = NODES.objectNode();
        if (spec instanceof SweepSpec.Grid g) {
            parameters(sweep.put("type", "grid"), g.parameters(), body);
        } else if (spec instanceof SweepSpec.Zip z) {
            parameters(sweep.put("type", "zip"), z.parameters(), body);
        } else if (spec instanceof SweepSpec.Scenarios s) {
            sweep.put("type", "scenarios");
            if (s.scenarios().isEmpty()) {
                throw new ConfigException("sweep.runs", "a scenarios sweep needs at least one scenario, e.g."
                        + " new Scenario(\"chatbot\", Map.of(\"isl\", 128))");
            }
            ArrayNode runs = sweep.putArray("runs");
            for (SweepSpec.Scenario sc : s.scenarios()) {
                runs.add(scenario(sc, body));
            }
        }
        if (spec.order() != null) {
            sweep.put("iteration_order", spec.order().name().toLowerCase(Locale.ROOT));
        }
        if (spec.sameSeed()) {
            sweep.put("same_seed", true);
        }
        if (spec.cooldownSeconds() >= 0) {
            sweep.put("cooldown_seconds", spec.cooldownSeconds());
        }
        return sweep;
    }

    private static void parameters(ObjectNode sweep, Map<String, List<Object>> params, ObjectNode body) {
        if (params.isEmpty()) {
            throw new ConfigException("sweep.parameters", "a " + sweep.get("type").asText() + " sweep needs at least"
                    + " one parameter, e.g. concurrency: [1, 4, 16]");
        }
        ObjectNode out = sweep.putObject("parameters");
        for (Map.Entry<String, List<Object>> p : params.entrySet()) {
            String path = path(p.getKey(), body);
            if (p.getValue().isEmpty()) {
                throw new ConfigException("sweep.parameters." + p.getKey(), "has no values; list at least one");
            }
            if (out.has(path)) {
                throw new ConfigException("sweep.parameters", "the path '" + path + "' is given twice; give each"
                        + " parameter once with all its values");
            }
            ArrayNode values = out.putArray(path);
            for (Object v : p.getValue()) {
                values.add(value(v, "a value of " + p.getKey()));
            }
        }
    }

    /** {@code {name, benchmark: <nested override>}}; {@code phases.<name>}, {@code datasets.<name>} entries by name. */
    private static ObjectNode scenario(SweepSpec.Scenario sc, ObjectNode body) {
        if (sc.name() == null || sc.name().isBlank()) {
            throw new ConfigException("sweep.runs", "every scenario needs a name");
        }
        ObjectNode run = NODES.objectNode().put("name", sc.name());
        ObjectNode override = run.putObject("benchmark");
        for (Map.Entry<String, Object> e : sc.set().entrySet()) {
            String path = path(e.getKey(), body);
            if (DottedPath.isVariables(path)) {
                throw new ConfigException("sweep.runs[" + sc.name() + "]", "variables.* paths cannot be set per"
                        + " scenario; set benchmark fields");
            }
            putNested(override, path.split("\\."), 0, value(e.getValue(), "scenario " + sc.name() + " " + e.getKey()));
        }
        return run;
    }

    private static void putNested(ObjectNode node, String[] segs, int i, JsonNode value) {
        String seg = segs[i];
        if (i == segs.length - 1) {
            node.set(seg, value);
            return;
        }
        if ((seg.equals("phases") || seg.equals("datasets")) && i + 2 < segs.length) {
            JsonNode existing = node.get(seg);
            ArrayNode list = existing instanceof ArrayNode a ? a : node.putArray(seg);
            ObjectNode entry = null;
            for (JsonNode e : list) {
                if (segs[i + 1].equals(e.path("name").asText())) {
                    entry = (ObjectNode) e;
                }
            }
            if (entry == null) {
                entry = list.addObject().put("name", segs[i + 1]);
            }
            putNested(entry, segs, i + 2, value);
            return;
        }
        JsonNode child = node.get(seg);
        putNested(child instanceof ObjectNode o ? o : node.putObject(seg), segs, i + 1, value);
    }

    /** Sweep shortcuts beyond the phase aliases: {@code isl} and {@code osl} address the single dataset's prompts. */
    private static final Map<String, String> SHORTCUTS = Map.of("isl", "dataset.prompts.isl", "osl",
            "dataset.prompts.osl");

    private static String path(String raw, ObjectNode body) {
        String p = SHORTCUTS.getOrDefault(raw.trim(), raw.trim());
        return DottedPath.againstBody(DottedPath.canonical(p), body);
    }

    /** A value given in code: text is read as YAML ({@code "16"} is a number), anything else converted as is. */
    static JsonNode value(Object v, String what) {
        if (v instanceof String text) {
            try {
                JsonNode n = YAML.readTree(text);
                if (n == null || n.isNull() || n.isMissingNode()) {
                    throw new ConfigException(what, "is empty; write a number, a word or a YAML mapping");
                }
                return n;
            } catch (JsonProcessingException e) {
                throw new ConfigException(what, "'" + text + "' is not a YAML value: " + e.getOriginalMessage());
            }
        }
        if (v == null) {
            throw new ConfigException(what, "is null; give a value");
        }
        return YAML.valueToTree(v);
    }

    // ---------------------------------------------------------------- endpoint

    private static void fillApiKeyFromEnvironment(ObjectNode envelope, Map<String, String> env) {
        ObjectNode benchmark = (ObjectNode) envelope.get("benchmark");
        JsonNode endpoint = benchmark.get("endpoint");
        if (endpoint != null && endpoint.hasNonNull("api_key")) {
            return;
        }
        for (String name : API_KEY_ENV) {
            String key = env.get(name);
            if (key != null && !key.isBlank()) {
                endpoint(benchmark).put("api_key", key);
                return;
            }
        }
    }

    /** The fallback URL when the config names none; its model when the config names none either. */
    private static void applyFallback(ObjectNode envelope, Fallback fallback) {
        ObjectNode benchmark = (ObjectNode) envelope.get("benchmark");
        ObjectNode endpoint = endpoint(benchmark);
        boolean hasUrl = endpoint.hasNonNull("url") || (endpoint.has("urls") && !endpoint.get("urls").isEmpty());
        if (!hasUrl && fallback.url() != null) {
            String url = fallback.url().get();
            endpoint.remove("url");
            endpoint.putArray("urls").add(url);
            if (!benchmark.hasNonNull("models")) {
                if (fallback.model() == null) {
                    throw new ConfigException("models", "the endpoint " + url + " is given but no model; name the"
                            + " served model");
                }
                benchmark.putArray("models").add(fallback.model());
            }
        } else if (hasUrl && !benchmark.hasNonNull("models") && fallback.defaultModel() != null) {
            benchmark.putArray("models").add(fallback.defaultModel());
        }
    }

    private static ObjectNode endpoint(ObjectNode benchmark) {
        JsonNode ep = benchmark.get("endpoint");
        return ep instanceof ObjectNode o ? o : benchmark.putObject("endpoint");
    }
}
