package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.config.SourceLines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Test-side stand-in for the config loader: reads a YAML envelope into an {@link AIPerfConfig} with the canonical
 * body (singular {@code dataset:} → {@code datasets: [{name: main, ...}]}), the raw sweep node and a multi_run
 * record. It does not bind the body (the sweep and plan packages never need the typed config).
 */
public final class TestEnvelope {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TestEnvelope() {
    }

    /** The seed's examples live once, under samples/ (the module users copy from). */
    static final java.nio.file.Path SAMPLES = java.nio.file.Path.of("../samples/src/test/resources");

    public static AIPerfConfig resource(String name) {
        java.nio.file.Path file = SAMPLES.resolve(name.startsWith("/") ? name.substring(1) : name);
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return fromTree((ObjectNode) YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AIPerfConfig yaml(String text) {
        try {
            return fromTree((ObjectNode) YAML.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a YAML fragment. Jackson's YAML parser rejects {@code .nan}/{@code .inf} outright, so tests write
     * {@code NAN} / {@code INF} and get the non-finite doubles other sources (flags, annotations) can deliver.
     */
    public static JsonNode node(String yaml) {
        try {
            return nonFinite(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode nonFinite(JsonNode n) {
        if (n.isTextual() && (n.asText().equals("NAN") || n.asText().equals("INF"))) {
            return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(
                    n.asText().equals("NAN") ? Double.NaN : Double.POSITIVE_INFINITY);
        }
        if (n instanceof ObjectNode o) {
            java.util.List<String> keys = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            keys.forEach(k -> o.set(k, nonFinite(o.get(k))));
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, nonFinite(a.get(i)));
            }
        }
        return n;
    }

    static AIPerfConfig fromTree(ObjectNode root) {
        ObjectNode body = root.has("benchmark") ? (ObjectNode) root.get("benchmark").deepCopy()
                : YAML.createObjectNode();
        if (body.has("dataset")) {
            ObjectNode ds = (ObjectNode) body.remove("dataset");
            ObjectNode named = YAML.createObjectNode().put("name", "main");
            named.setAll(ds);
            ArrayNode list = body.putArray("datasets");
            list.add(named);
        }
        JsonNode mr = root.get("multi_run");
        MultiRunConfig multi = MultiRunConfig.DEFAULT;
        if (mr != null) {
            multi = new MultiRunConfig(mr.path("num_runs").asInt(1), mr.path("cooldown_seconds").asDouble(0),
                    mr.path("confidence_level").asDouble(0.95), mr.path("set_consistent_seed").asBoolean(true),
                    mr.path("vary_seed_per_trial").asBoolean(false),
                    mr.path("disable_warmup_after_first").asBoolean(true),
                    mr.has("convergence") ? new MultiRunConfig.ConvergenceConfig(
                            mr.get("convergence").path("metric").asText(), "avg",
                            MultiRunConfig.ConvergenceConfig.Mode.CI_WIDTH, 0.1, 2) : null);
        }
        Long seed = root.has("random_seed") ? root.get("random_seed").asLong() : null;
        ObjectNode vars = root.has("variables") ? (ObjectNode) root.get("variables") : YAML.createObjectNode();
        return new AIPerfConfig(body, null, root.get("sweep"), multi, seed, vars);
    }

    /** The parsed sweep of {@code cfg}, or null. */
    public static SweepConfig sweep(AIPerfConfig cfg) {
        return cfg.sweepTree() == null ? null : SweepParser.parse(cfg.sweepTree(), SourceLines.NONE);
    }
}
