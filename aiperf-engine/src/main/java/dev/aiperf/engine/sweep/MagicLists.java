package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "Magic lists": numeric lists written where one value is expected become an implicit grid sweep.
 *
 * <p>In YAML this applies only when there is no explicit {@code sweep:}: a field of a phase (at any depth inside the
 * phase entry) whose key is one of {@link #YAML_KEYS} and whose value is a non-empty list of numbers. On the command
 * line, the flags of {@link #CLI_PATHS} take comma lists. In both cases the base keeps the first element as a
 * placeholder, several lists form a Cartesian product (or a zip with {@code --sweep-type zip}), and a list with a
 * repeated value is rejected when the resulting sweep is parsed, since its cells would collide.
 */
public final class MagicLists {

    /** Phase field names whose numeric lists turn into a sweep in YAML. */
    public static final Set<String> YAML_KEYS = Set.of("level", "concurrency", "prefill_concurrency", "rate", "count",
            "requests", "duration", "sessions", "users", "time", "mean");

    /** CLI flag to the sweep path it lifts a comma list to. */
    public static final Map<String, String> CLI_PATHS = cliPaths();

    private MagicLists() {
    }

    private static Map<String, String> cliPaths() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--concurrency", "phases.profiling.concurrency");
        m.put("--prefill-concurrency", "phases.profiling.prefill_concurrency");
        m.put("--request-rate", "phases.profiling.rate");
        m.put("--request-count", "phases.profiling.requests");
        m.put("--benchmark-duration", "phases.profiling.duration");
        m.put("--num-conversations", "phases.profiling.sessions");
        m.put("--num-users", "phases.profiling.users");
        m.put("--isl", "datasets.main.prompts.isl.mean");
        m.put("--osl", "datasets.main.prompts.osl.mean");
        m.put("--isl-stddev", "datasets.main.prompts.isl.stddev");
        m.put("--osl-stddev", "datasets.main.prompts.osl.stddev");
        m.put("--conversation-turn-mean", "datasets.main.turns.mean");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The implicit sweep of a body with magic lists.
     *
     * @param body  the body with every magic list replaced by its first element
     * @param sweep a {@code {type: grid, parameters: {...}}} node for {@link SweepParser}
     */
    public record ImplicitSweep(ObjectNode body, ObjectNode sweep) {
    }

    /** Finds YAML magic lists in the phases of {@code body} (not modified); empty when there are none. */
    public static Optional<ImplicitSweep> fromYaml(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        JsonNode phases = copy.get("phases");
        if (phases instanceof ArrayNode arr) {
            for (JsonNode phase : arr) {
                if (phase instanceof ObjectNode p && p.hasNonNull("name")) {
                    scan(p, "phases." + p.get("name").asText(), params);
                }
            }
        }
        if (params.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode sweep = JsonNodeFactory.instance.objectNode();
        sweep.put("type", "grid");
        sweep.set("parameters", params);
        return Optional.of(new ImplicitSweep(copy, sweep));
    }

    private static void scan(ObjectNode node, String prefix, ObjectNode params) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode v = node.get(key);
            if (v instanceof ObjectNode child) {
                scan(child, prefix + "." + key, params);
            } else if (v instanceof ArrayNode list && YAML_KEYS.contains(key) && isNumberList(list)) {
                params.set(prefix + "." + key, list.deepCopy());
                node.set(key, list.get(0));
            }
        }
    }

    private static boolean isNumberList(ArrayNode list) {
        if (list.isEmpty()) {
            return false;
        }
        for (JsonNode e : list) {
            if (!e.isNumber()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The sweep node for CLI magic lists, e.g. {@code {"--concurrency": [1,2,4], "--isl": [128, 512]}}; flags with a
     * single value are not part of it (a scalar creates no sweep). Empty when no flag has two or more values.
     *
     * @param sweepType {@code grid} (default when {@code null}) or {@code zip}
     */
    public static Optional<ObjectNode> fromCli(Map<String, List<? extends Number>> lists, String sweepType) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        lists.forEach((flag, values) -> {
            String path = CLI_PATHS.get(flag);
            if (path == null) {
                String c = ClosestKey.of(flag, CLI_PATHS.keySet());
                throw new ConfigException(flag + " does not take a list of values"
                        + (c == null ? "" : "; did you mean " + c + "?") + " List flags: " + CLI_PATHS.keySet());
            }
            if (values.size() > 1) {
                ArrayNode a = params.putArray(path);
                for (Number n : values) {
                    if (n instanceof Double || n instanceof Float) {
                        a.add(n.doubleValue());
                    } else if (n.longValue() == (int) n.longValue()) {
                        a.add(n.intValue()); // same node type as YAML would give
                    } else {
                        a.add(n.longValue());
                    }
                }
            }
        });
        if (params.isEmpty()) {
            return Optional.empty();
        }
        String type = sweepType == null ? "grid" : sweepType;
        if (!type.equals("grid") && !type.equals("zip")) {
            throw new ConfigException("--sweep-type must be grid or zip, got '" + type + "'");
        }
        ObjectNode sweep = JsonNodeFactory.instance.objectNode();
        sweep.put("type", type);
        sweep.set("parameters", params);
        return Optional.of(sweep);
    }
}
