package dev.aiperf.junit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aiperf.engine.config.BenchmarkBinder;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.sweep.DottedPath;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML envelope of one benchmark method: the {@link BenchmarkTest#config()} file (if any) with the method's
 * annotations written over it. Every misuse becomes an {@link ExtensionConfigurationException} naming the
 * annotation and the fix.
 *
 * @param envelope the envelope tree ({@code benchmark:} in canonical form, {@code sweep:}, {@code multi_run:} ...)
 * @param lines    source lines of the YAML file, for messages
 * @param where    {@code Class.method} for messages
 */
record AnnotatedConfig(ObjectNode envelope, SourceLines lines, String where) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Annotation shortcuts beyond the engine's bare aliases (which all address phase fields). */
    private static final Map<String, String> SHORTCUTS =
            Map.of("isl", "dataset.prompts.isl", "osl", "dataset.prompts.osl");

    /** Reads the config file and overlays the annotations of {@code method}; {@code artifactsDir} is always set. */
    static AnnotatedConfig of(Class<?> testClass, Method method, Path artifactsDir) {
        String where = testClass.getSimpleName() + "." + method.getName();
        BenchmarkTest bt = AnnotationSupport.findAnnotation(method, BenchmarkTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException(where + " is not annotated @BenchmarkTest"));
        ConfigLoader.ParsedYaml parsed = readConfig(testClass, bt.config(), where);
        ObjectNode envelope = parsed.envelope();
        JsonNode rawBody = envelope.get("benchmark");
        if (rawBody != null && !rawBody.isObject()) {
            throw new ExtensionConfigurationException(where + ": config '" + bt.config()
                    + "' has a benchmark: key that is not a mapping; write benchmark: {models: ..., endpoint: ...}");
        }
        ObjectNode body;
        try {
            body = BenchmarkBinder.canonicalTree((ObjectNode) rawBody, parsed.lines(), "benchmark");
        } catch (ConfigException e) {
            throw new ExtensionConfigurationException(where + ": config '" + bt.config() + "': " + e.getMessage(), e);
        }
        envelope.set("benchmark", body);
        AnnotatedConfig c = new AnnotatedConfig(envelope, parsed.lines(), where);
        c.overlayBenchmarkTest(bt);
        ObjectNode artifacts = artifacts(body);
        artifacts.put("dir", artifactsDir.toString());
        body.set("artifacts", artifacts);
        AnnotationSupport.findAnnotation(method, Sweep.class).ifPresent(s -> c.overlaySweep(s, bt.config()));
        AnnotationSupport.findAnnotation(method, MultiRun.class).ifPresent(c::overlayMultiRun);
        return c;
    }

    ObjectNode body() {
        return (ObjectNode) envelope.get("benchmark");
    }

    /** True when the config (YAML or {@code @BenchmarkTest(url)}) names an endpoint URL. */
    boolean hasUrl() {
        JsonNode ep = body().get("endpoint");
        return ep != null && (ep.hasNonNull("url") || (ep.has("urls") && !ep.get("urls").isEmpty()));
    }

    boolean hasModel() {
        return body().hasNonNull("models");
    }

    /** Sends every request to {@code baseUrl}. */
    void setUrl(String baseUrl) {
        ObjectNode ep = endpoint();
        ep.remove("url");
        ep.putArray("urls").add(baseUrl);
    }

    void setModel(String model) {
        body().putArray("models").add(model);
    }

    private ObjectNode endpoint() {
        JsonNode ep = body().get("endpoint");
        if (ep instanceof ObjectNode o) {
            return o;
        }
        return body().putObject("endpoint");
    }

    private static ObjectNode artifacts(ObjectNode body) {
        JsonNode a = body.get("artifacts");
        return a instanceof ObjectNode o ? o.deepCopy() : NODES.objectNode();
    }

    private static ConfigLoader.ParsedYaml readConfig(Class<?> testClass, String config, String where) {
        if (config.isBlank()) {
            return new ConfigLoader.ParsedYaml(NODES.objectNode(), SourceLines.NONE);
        }
        String resource = config.startsWith("/") ? config.substring(1) : config;
        ClassLoader loader = Optional.ofNullable(testClass.getClassLoader())
                .orElse(ClassLoader.getSystemClassLoader());
        try {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in != null) {
                    return ConfigLoader.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8), config,
                            System.getenv());
                }
            }
            Path file = Path.of(config);
            if (Files.isRegularFile(file)) {
                return ConfigLoader.parse(file, System.getenv());
            }
        } catch (IOException e) {
            throw new ExtensionConfigurationException(where + ": cannot read config '" + config + "': "
                    + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new ExtensionConfigurationException(where + ": @BenchmarkTest(config = \"" + config + "\"): "
                    + e.getMessage(), e);
        }
        throw new ExtensionConfigurationException(where + ": @BenchmarkTest(config = \"" + config
                + "\") is neither a classpath resource nor a file (working directory "
                + Path.of("").toAbsolutePath() + "); put the YAML under src/test/resources or give a file path");
    }

    private void overlayBenchmarkTest(BenchmarkTest bt) {
        ObjectNode body = body();
        if (!bt.model().isBlank()) {
            setModel(bt.model());
        }
        if (!bt.url().isBlank()) {
            setUrl(bt.url());
        }
        if (!bt.endpointType().isBlank()) {
            endpoint().put("type", bt.endpointType());
        }
        if (!bt.streaming().isBlank()) {
            String s = bt.streaming().trim().toLowerCase(Locale.ROOT);
            if (!s.equals("true") && !s.equals("false")) {
                throw new ExtensionConfigurationException(where + ": @BenchmarkTest(streaming = \"" + bt.streaming()
                        + "\") must be \"true\" or \"false\" (or left out to keep the config's)");
            }
            endpoint().put("streaming", Boolean.parseBoolean(s));
        }
        if (bt.warmupRequestCount() != BenchmarkTest.UNSET) {
            positive("warmupRequestCount", bt.warmupRequestCount());
            addWarmup(body, bt.warmupRequestCount());
        }
        if (bt.concurrency() != BenchmarkTest.UNSET) {
            positive("concurrency", bt.concurrency());
            set("concurrency", "phases.profiling.concurrency", NODES.numberNode(bt.concurrency()));
        }
        if (bt.requestCount() != BenchmarkTest.UNSET) {
            positive("requestCount", bt.requestCount());
            set("requestCount", "phases.profiling.requests", NODES.numberNode(bt.requestCount()));
        }
        if (bt.requestRate() != BenchmarkTest.UNSET) {
            positive("requestRate", bt.requestRate());
            set("requestRate", "phases.profiling.rate", NODES.numberNode(bt.requestRate()));
        }
        if (bt.durationSeconds() != BenchmarkTest.UNSET) {
            positive("durationSeconds", bt.durationSeconds());
            set("durationSeconds", "phases.profiling.duration", NODES.numberNode(bt.durationSeconds()));
        }
        if (bt.isl() != BenchmarkTest.UNSET) {
            positive("isl", bt.isl());
            set("isl", DottedPath.againstBody("dataset.prompts.isl", body), NODES.numberNode(bt.isl()));
        }
        if (bt.osl() != BenchmarkTest.UNSET) {
            positive("osl", bt.osl());
            set("osl", DottedPath.againstBody("dataset.prompts.osl", body), NODES.numberNode(bt.osl()));
        }
        if (bt.seed() != BenchmarkTest.UNSET) {
            if (bt.seed() < 0) {
                throw new ExtensionConfigurationException(where + ": @BenchmarkTest(seed = " + bt.seed()
                        + ") must be a whole number >= 0");
            }
            envelope.put("random_seed", bt.seed());
        }
    }

    /** Adds (or resizes) a {@code warmup} phase before the measured ones. */
    private void addWarmup(ObjectNode body, int requests) {
        ArrayNode phases = (ArrayNode) body.get("phases");
        for (JsonNode p : phases) {
            if ("warmup".equals(p.path("name").asText())) {
                ((ObjectNode) p).put("requests", requests);
                return;
            }
        }
        ObjectNode warmup = NODES.objectNode().put("name", "warmup").put("type", "concurrency")
                .put("exclude_from_results", true).put("requests", requests);
        phases.insert(0, warmup);
    }

    private void set(String attribute, String path, JsonNode value) {
        try {
            DottedPath.set(body(), variables(), path, value);
        } catch (ConfigException e) {
            throw new ExtensionConfigurationException(where + ": @BenchmarkTest(" + attribute + ") cannot be set at "
                    + path + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode variables() {
        JsonNode v = envelope.get("variables");
        return v instanceof ObjectNode o ? o : envelope.putObject("variables");
    }

    private void positive(String attribute, double value) {
        if (!(value > 0)) {
            throw new ExtensionConfigurationException(where + ": @BenchmarkTest(" + attribute + " = "
                    + (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value))
                    + ") must be > 0, or left out to keep the config's value");
        }
    }

    private void overlaySweep(Sweep s, String configName) {
        if (envelope.has("sweep")) {
            throw new ExtensionConfigurationException(where + ": both @Sweep and the sweep: block of config '"
                    + configName + "' define the cells; remove one of them");
        }
        ObjectNode sweep = NODES.objectNode();
        sweep.put("type", s.type().name().toLowerCase(Locale.ROOT));
        switch (s.type()) {
            case GRID, ZIP -> {
                if (s.scenarios().length > 0) {
                    throw new ExtensionConfigurationException(where + ": @Sweep(type = " + s.type()
                            + ") takes parameters, not scenarios; use type = SCENARIOS for named scenarios");
                }
                if (s.parameters().length == 0) {
                    throw new ExtensionConfigurationException(where + ": @Sweep(type = " + s.type() + ") needs"
                            + " parameters, e.g. parameters = @Param(path = \"concurrency\", values = {\"1\", \"4\"})");
                }
                ObjectNode params = sweep.putObject("parameters");
                for (Param p : s.parameters()) {
                    String path = path(p.path());
                    if (p.values().length == 0) {
                        throw new ExtensionConfigurationException(where + ": @Param(path = \"" + p.path()
                                + "\") has no values; list at least one, e.g. values = {\"1\", \"4\"}");
                    }
                    if (params.has(path)) {
                        throw new ExtensionConfigurationException(where + ": @Sweep lists the path '" + path
                                + "' twice; give each parameter once with all its values");
                    }
                    ArrayNode values = params.putArray(path);
                    for (String v : p.values()) {
                        values.add(value(v, "@Param(path = \"" + p.path() + "\")"));
                    }
                }
            }
            case SCENARIOS -> {
                if (s.scenarios().length == 0) {
                    throw new ExtensionConfigurationException(where + ": @Sweep(type = SCENARIOS) needs scenarios,"
                            + " e.g. scenarios = @Scenario(name = \"chatbot\", set = {\"isl=128\", \"osl=64\"})");
                }
                if (s.parameters().length > 0) {
                    throw new ExtensionConfigurationException(where + ": @Sweep(type = SCENARIOS) takes scenarios,"
                            + " not parameters; move the values into @Scenario(set = ...) or use type = GRID/ZIP");
                }
                ArrayNode runs = sweep.putArray("runs");
                for (Scenario sc : s.scenarios()) {
                    runs.add(scenario(sc));
                }
            }
        }
        if (s.iterationOrder() != Sweep.Order.DEFAULT) {
            sweep.put("iteration_order", s.iterationOrder().name().toLowerCase(Locale.ROOT));
        }
        if (s.sameSeed()) {
            sweep.put("same_seed", true);
        }
        if (s.cooldownSeconds() != -1) {
            sweep.put("cooldown_seconds", s.cooldownSeconds());
        }
        envelope.set("sweep", sweep);
    }

    /** {@code {name, benchmark: <nested override>}}; without declared values the cell's directory is its name. */
    private ObjectNode scenario(Scenario sc) {
        ObjectNode run = NODES.objectNode().put("name", sc.name());
        ObjectNode override = run.putObject("benchmark");
        for (String assignment : sc.set()) {
            int eq = assignment.indexOf('=');
            String what = "@Scenario(name = \"" + sc.name() + "\") set \"" + assignment + "\"";
            if (eq <= 0) {
                throw new ExtensionConfigurationException(where + ": " + what
                        + " is not path=value; write e.g. \"isl=128\" or \"phases.profiling.concurrency=8\"");
            }
            String raw = assignment.substring(0, eq).trim();
            String path = path(raw);
            JsonNode value = value(assignment.substring(eq + 1).trim(), what);
            if (DottedPath.isVariables(path)) {
                throw new ExtensionConfigurationException(where + ": " + what
                        + ": variables.* paths are not supported in @Scenario; set benchmark fields");
            }
            putNested(override, path.split("\\."), 0, value);
        }
        return run;
    }

    /** Builds the override tree; {@code phases.<name>} and {@code datasets.<name>} become named list entries. */
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
        ObjectNode next = child instanceof ObjectNode o ? o : node.putObject(seg);
        putNested(next, segs, i + 1, value);
    }

    private String path(String raw) {
        String p = SHORTCUTS.getOrDefault(raw.trim(), raw.trim());
        try {
            return DottedPath.canonical(p);
        } catch (ConfigException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    /** A value written as YAML: {@code "16"} is a number, {@code "{mean: 512, stddev: 50}"} a mapping. */
    private JsonNode value(String text, String what) {
        try {
            JsonNode v = YAML.readTree(text);
            if (v == null || v.isNull() || v.isMissingNode()) {
                throw new ExtensionConfigurationException(where + ": " + what + " has an empty value '" + text
                        + "'; write a number, a word or a YAML mapping");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw new ExtensionConfigurationException(where + ": " + what + " value '" + text
                    + "' is not a YAML value: " + e.getOriginalMessage());
        }
    }

    private void overlayMultiRun(MultiRun m) {
        JsonNode existing = envelope.get("multi_run");
        ObjectNode mr = existing instanceof ObjectNode o ? o : envelope.putObject("multi_run");
        if (m.runs() < 1 || m.runs() > 10) {
            throw new ExtensionConfigurationException(where + ": @MultiRun(runs = " + m.runs()
                    + ") must be between 1 and 10");
        }
        mr.put("num_runs", m.runs());
        if (m.confidenceLevel() != -1) {
            mr.put("confidence_level", m.confidenceLevel());
        }
        if (m.cooldownSeconds() != -1) {
            mr.put("cooldown_seconds", m.cooldownSeconds());
        }
        mr.put("disable_warmup_after_first", m.disableWarmupAfterFirst());
    }
}
