package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sweep paths: dotted, rooted at the {@code benchmark:} body ({@code phases.profiling.rate}), or at the envelope's
 * {@code variables:} block ({@code variables.model_tag}).
 *
 * <p>A segment that reaches a list of named dicts (phases, datasets) selects the entry whose {@code name} matches;
 * {@code phases.profiling} falls back to the single non-warmup phase. Missing dict segments are created; a missing
 * named entry is an error and nothing is created.
 */
public final class DottedPath {

    /** Bare names that mean {@code phases.profiling.<name>}. */
    public static final Set<String> ALIASES = Set.of(
            "concurrency", "prefill_concurrency", "request_concurrency", "rate", "requests", "duration",
            "sessions", "users", "smoothness", "grace_period", "concurrency_ramp", "prefill_ramp", "rate_ramp",
            "rate_series");

    /** The prefix of paths that write the envelope's {@code variables:} block. */
    public static final String VARIABLES_PREFIX = "variables.";

    private DottedPath() {
    }

    /**
     * Validates a path as written and resolves a bare alias; does not need the base tree.
     *
     * @throws ConfigException (with an empty location; callers prefix their own) when the path cannot be used
     */
    public static String canonical(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new ConfigException("sweep path is empty; write a dotted path such as phases.profiling.concurrency");
        }
        if (raw.startsWith(".") || raw.endsWith(".") || raw.contains("..")) {
            throw new ConfigException("sweep path '" + raw
                    + "' has an empty segment (leading/trailing '.' or '..'); write e.g. phases.profiling.concurrency");
        }
        String first = raw.split("\\.", -1)[0];
        switch (first) {
            case "sweep" -> throw new ConfigException("sweep path '" + raw
                    + "' targets the sweep config itself; sweep paths address fields of benchmark: (or variables.<name>)");
            case "multi_run", "random_seed" -> throw new ConfigException("sweep path '" + raw + "' targets '" + first
                    + "', a non-sweepable top-level field; set it once at the top level instead");
            case "benchmark" -> throw new ConfigException("sweep path '" + raw
                    + "' has a redundant 'benchmark.' prefix; paths are rooted at benchmark:, write '"
                    + (raw.startsWith("benchmark.") ? raw.substring("benchmark.".length()) : "<field>") + "' instead");
            default -> {
            }
        }
        if (!raw.contains(".") && ALIASES.contains(raw)) {
            return "phases.profiling." + raw;
        }
        return raw;
    }

    /** As {@link #canonical(String)}, recording a rejection against {@code key} of {@code f}; {@code null} then. */
    static String canonical(String raw, Fields f, String key) {
        try {
            return canonical(raw);
        } catch (ConfigException e) {
            f.error(key, e.getMessage());
            return null;
        }
    }

    /**
     * Rewrites the singular spelling {@code dataset.<rest>} to {@code datasets.<name>.<rest>} when the body holds
     * exactly one dataset (the canonical list form); other paths are returned unchanged.
     */
    public static String againstBody(String path, ObjectNode body) {
        if (!path.startsWith("dataset.") || body.has("dataset")) {
            return path;
        }
        JsonNode list = body.get("datasets");
        if (list instanceof ArrayNode arr && arr.size() == 1 && arr.get(0).hasNonNull("name")) {
            return "datasets." + arr.get(0).get("name").asText() + path.substring("dataset".length());
        }
        return path;
    }

    /** True for {@code variables.<name>...} paths, which write the envelope's variables. */
    public static boolean isVariables(String path) {
        return path.startsWith(VARIABLES_PREFIX);
    }

    /** The last segment, used in directory names ({@code phases.profiling.concurrency} → {@code concurrency}). */
    public static String leaf(String path) {
        int i = path.lastIndexOf('.');
        return i < 0 ? path : path.substring(i + 1);
    }

    /**
     * Sets {@code value} at {@code path} in {@code body}, or in {@code variables} for {@code variables.*} paths.
     * Both trees are modified in place; on error nothing has been created.
     */
    public static void set(ObjectNode body, ObjectNode variables, String path, JsonNode value) {
        if (isVariables(path)) {
            setIn(variables, path, path.substring(VARIABLES_PREFIX.length()).split("\\."), value);
        } else {
            setIn(body, path, path.split("\\."), value);
        }
    }

    /** The value at {@code path} in {@code body}, or {@code null} when absent (same name matching as {@link #set}). */
    public static JsonNode get(ObjectNode body, String path) {
        JsonNode cur = body;
        String parentKey = null;
        for (String seg : path.split("\\.")) {
            if (cur instanceof ObjectNode obj) {
                cur = obj.get(seg);
            } else if (cur instanceof ArrayNode arr && isNamedList(arr)) {
                int idx = findNamed(arr, seg, parentKey);
                cur = idx < 0 ? null : arr.get(idx);
            } else {
                return null;
            }
            if (cur == null) {
                return null;
            }
            parentKey = seg;
        }
        return cur;
    }

    private static void setIn(ObjectNode root, String path, String[] segs, JsonNode value) {
        // First walk without creating anything, so an error leaves the tree untouched.
        List<Runnable> creations = new ArrayList<>();
        JsonNode cur = root;
        String parentKey = null;
        for (int i = 0; i < segs.length - 1; i++) {
            String seg = segs[i];
            JsonNode next;
            if (cur instanceof ObjectNode obj) {
                next = obj.get(seg);
                if (next == null || next.isNull()) {
                    ObjectNode created = JsonNodeFactory.instance.objectNode();
                    creations.add(() -> obj.set(seg, created));
                    next = created;
                }
            } else if (cur instanceof ArrayNode arr && isNamedList(arr)) {
                int idx = findNamed(arr, seg, parentKey);
                if (idx < 0) {
                    throw new ConfigException("sweep path '" + path + "': no entry named '" + seg + "' found (existing: "
                            + names(arr) + ")");
                }
                next = arr.get(idx);
            } else {
                throw new ConfigException("sweep path '" + path + "': cannot descend into " + typeOf(cur)
                        + " at segment '" + seg + "'");
            }
            cur = next;
            parentKey = seg;
        }
        String last = segs[segs.length - 1];
        if (!(cur instanceof ObjectNode target)) {
            throw new ConfigException("sweep path '" + path + "': cannot assign into " + typeOf(cur)
                    + " at segment '" + last + "'");
        }
        creations.forEach(Runnable::run);
        target.set(last, value.deepCopy());
    }

    /** A list whose entries are all dicts with a {@code name}: phases, datasets. */
    static boolean isNamedList(ArrayNode arr) {
        if (arr.isEmpty()) {
            return false;
        }
        for (JsonNode e : arr) {
            if (!e.isObject() || !e.hasNonNull("name")) {
                return false;
            }
        }
        return true;
    }

    private static int findNamed(ArrayNode arr, String seg, String parentKey) {
        for (int i = 0; i < arr.size(); i++) {
            if (seg.equals(arr.get(i).get("name").asText())) {
                return i;
            }
        }
        if ("phases".equals(parentKey) && "profiling".equals(seg)) {
            int only = -1;
            for (int i = 0; i < arr.size(); i++) {
                if (!isWarmup(arr.get(i))) {
                    if (only >= 0) {
                        return -1;
                    }
                    only = i;
                }
            }
            return only;
        }
        return -1;
    }

    /** A warmup phase: named {@code warmup} or excluded from results. */
    public static boolean isWarmup(JsonNode phase) {
        return "warmup".equals(phase.path("name").asText()) || phase.path("exclude_from_results").asBoolean(false);
    }

    private static List<String> names(ArrayNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(e -> out.add(e.get("name").asText()));
        return out;
    }

    private static String typeOf(JsonNode n) {
        if (n == null) {
            return "nothing";
        }
        if (n.isArray()) {
            return "list";
        }
        if (n.isTextual()) {
            return "str";
        }
        if (n.isIntegralNumber()) {
            return "int";
        }
        if (n.isNumber()) {
            return "float";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
