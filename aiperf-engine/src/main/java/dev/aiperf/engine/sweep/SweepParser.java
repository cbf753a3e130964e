package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.ClosestKey;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.engine.api.model.SlaRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates the raw {@code sweep:} node into a {@link SweepConfig}. Every rejection is a
 * {@link ConfigException} naming the YAML path and what to change; non-fatal findings go to
 * {@link SweepConfig#warnings()}.
 */
public final class SweepParser {

    /** Maximum Sobol / Latin-hypercube sample count. */
    public static final int MAX_SAMPLES = 1 << 20;

    private static final List<String> TYPES =
            List.of("grid", "zip", "scenarios", "sobol", "latin_hypercube", "adaptive_search");
    private static final List<String> COMMON = List.of("type", "cooldown_seconds", "sla_filters", "post_process",
            "recipe_name");
    private static final List<String> ORDERED = List.of("iteration_order", "same_seed");
    private static final List<String> QMC = List.of("samples", "seed", "dimensions", "scramble", "label_format");
    private static final List<String> ADAPTIVE = List.of("planner", "search_space", "objectives",
            "outcome_constraints", "max_iterations", "n_initial_points", "plateau_window", "plateau_threshold",
            "improvement_patience", "random_seed", "optuna_sampler", "optuna_acquisition", "optuna_terminator",
            "objective_pooling", "monotonic_stability_trials", "sla_precision", "constraint_mode");
    private static final List<String> SINGLE_OBJECTIVE_ACQ = List.of("logei", "qlogei", "qnei", "qlognei");
    private static final List<String> MULTI_OBJECTIVE_ACQ = List.of("qehvi", "qnehvi", "qlognehvi");

    private final SourceLines lines;
    private final List<String> warnings = new ArrayList<>();

    private SweepParser(SourceLines lines) {
        this.lines = lines == null ? SourceLines.NONE : lines;
    }

    /** Parses {@code sweepNode} (the value of the envelope's {@code sweep:} key). */
    public static SweepConfig parse(JsonNode sweepNode, SourceLines lines) {
        return new SweepParser(lines).parse(sweepNode);
    }

    private SweepConfig parse(JsonNode node) {
        YamlFields f = YamlFields.of(node, "sweep", lines);
        String type = f.has("type") ? f.string("type", "grid") : "grid";
        if (!TYPES.contains(type)) {
            String c = ClosestKey.of(type, TYPES);
            throw f.error("type", "unknown sweep type '" + type + "'" + (c == null ? "" : "; did you mean '" + c + "'?")
                    + " Valid types: " + TYPES);
        }
        List<String> allowed = new ArrayList<>(COMMON);
        switch (type) {
            case "grid", "zip" -> {
                allowed.add("parameters");
                allowed.addAll(ORDERED);
            }
            case "scenarios" -> {
                allowed.add("runs");
                allowed.addAll(ORDERED);
            }
            case "sobol", "latin_hypercube" -> {
                allowed.addAll(QMC);
                allowed.addAll(ORDERED);
                if (type.equals("latin_hypercube")) {
                    allowed.add("optimization");
                }
            }
            default -> allowed.addAll(ADAPTIVE);
        }
        if ((type.equals("grid") || type.equals("zip")) && f.has("variables") && !f.has("parameters")) {
            throw f.error("variables", "'variables' is the older spelling of the sweep's value lists; write 'parameters:'"
                    + " (the envelope-level 'variables:' block is separate)");
        }
        f.allowOnly(allowed);
        return switch (type) {
            case "grid", "zip" -> parseGridOrZip(f, type);
            case "scenarios" -> parseScenarios(f);
            case "sobol", "latin_hypercube" -> parseSpaceFilling(f, type);
            default -> parseAdaptive(f);
        };
    }

    // ---- common -------------------------------------------------------------------------------------------

    private SweepCommon common(YamlFields f) {
        double cooldown = f.number("cooldown_seconds", 0.0);
        if (cooldown < 0) {
            throw f.error("cooldown_seconds", "must be >= 0, got " + cooldown);
        }
        List<SlaRule> filters = new ArrayList<>();
        if (f.has("sla_filters")) {
            JsonNode list = f.get("sla_filters");
            if (!list.isArray()) {
                throw f.error("sla_filters", "must be a list of {metric_tag, stat, op, threshold}");
            }
            for (int i = 0; i < list.size(); i++) {
                filters.add(slaFilter(YamlFields.of(list.get(i), f.where + ".sla_filters[" + i + "]", lines)));
            }
        }
        PostProcess pp = null;
        if (f.has("post_process")) {
            YamlFields p = YamlFields.of(f.get("post_process"), f.where + ".post_process", lines);
            p.allowOnly(List.of("handler", "params", "output_filename"));
            ObjectNode params = JsonNodeFactory.instance.objectNode();
            if (p.has("params")) {
                if (!p.get("params").isObject()) {
                    throw p.error("params", "must be a mapping of handler parameters");
                }
                params = ((ObjectNode) p.get("params")).deepCopy();
            }
            pp = new PostProcess(p.requiredString("handler"), params, p.string("output_filename", null));
        }
        return new SweepCommon(cooldown, filters, pp, f.string("recipe_name", null), warnings);
    }

    private SlaRule slaFilter(YamlFields s) {
        s.allowOnly(List.of("metric_tag", "stat", "op", "threshold"));
        String tag = s.requiredString("metric_tag");
        String stat = s.string("stat", "p95");
        String opText = s.requiredString("op");
        SlaOp op = SlaOp.parse(opText);
        if (op == null) {
            throw s.error("op", "'" + opText + "' is not one of lt, le, gt, ge");
        }
        return new SlaRule(tag, stat, op, s.requiredNumber("threshold"));
    }

    private IterationOrder order(YamlFields f) {
        String s = f.choice("iteration_order", "repeated", List.of("repeated", "independent"));
        return IterationOrder.fromName(s);
    }

    // ---- grid and zip -------------------------------------------------------------------------------------

    private SweepConfig parseGridOrZip(YamlFields f, String type) {
        if (!f.has("parameters")) {
            throw f.error(null, type + " sweep needs 'parameters:', a mapping of dotted path to a list of values,"
                    + " e.g. parameters: {concurrency: [8, 16, 32]}");
        }
        YamlFields p = YamlFields.of(f.get("parameters"), f.where + ".parameters", lines);
        if (p.node.isEmpty()) {
            throw p.error(null, "must name at least one parameter, e.g. concurrency: [8, 16, 32]");
        }
        Map<String, List<JsonNode>> params = new LinkedHashMap<>();
        Map<String, String> spelledAs = new HashMap<>();
        p.node.fields().forEachRemaining(e -> {
            String raw = e.getKey();
            String canonical = canonicalPath(p, raw);
            if (params.containsKey(canonical)) {
                throw p.error(raw, "'" + raw + "' resolves to '" + canonical + "', which is already a parameter (as '"
                        + spelledAs.get(canonical) + "'). Pick one spelling, the bare alias or the full path.");
            }
            spelledAs.put(canonical, raw);
            params.put(canonical, valueList(p, raw, e.getValue()));
        });
        IterationOrder order = order(f);
        boolean sameSeed = f.bool("same_seed", false);
        SweepCommon common = common(f);
        if (type.equals("grid")) {
            params.forEach((path, values) -> rejectRepeats(p, spelledAs.get(path), values));
            return new GridSweep(common, params, order, sameSeed);
        }
        Map<String, Integer> lengths = new LinkedHashMap<>();
        params.forEach((path, values) -> lengths.put(spelledAs.get(path), values.size()));
        if (new HashSet<>(lengths.values()).size() > 1) {
            throw p.error(null, "zip sweep parameters must all have equal length; got " + lengths + ".");
        }
        rejectRepeatedTuples(p, params);
        return new ZipSweep(common, params, order, sameSeed);
    }

    private String canonicalPath(YamlFields f, String raw) {
        try {
            return DottedPath.canonical(raw);
        } catch (ConfigException e) {
            throw f.error(raw, e.getMessage());
        }
    }

    private List<JsonNode> valueList(YamlFields p, String key, JsonNode v) {
        if (!v.isArray()) {
            throw p.error(key, "must be a list of values, e.g. [" + (v.isValueNode() ? v.asText() + ", ..." : "8, 16")
                    + "]; a single value needs no sweep");
        }
        if (v.isEmpty()) {
            throw p.error(key, "must not be an empty list; give at least one value");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : v) {
            requireFinite(p, key, e);
            out.add(e.deepCopy());
        }
        return out;
    }

    private void requireFinite(YamlFields p, String key, JsonNode v) {
        if (v.isNumber() && !Double.isFinite(v.doubleValue())) {
            throw p.error(key, "contains " + PythonStr.str(v) + "; NaN and +/-inf are rejected, use finite numbers");
        }
        if (v.isContainerNode()) {
            v.forEach(c -> requireFinite(p, key, c));
        }
    }

    /** Identity of a value for collision checks: 5 and 5.0 are one value, as in Python. */
    static String valueKey(JsonNode v) {
        if (v.isNumber()) {
            return "n:" + v.decimalValue().stripTrailingZeros().toPlainString();
        }
        return v.getNodeType() + ":" + v;
    }

    private void rejectRepeats(YamlFields p, String key, List<JsonNode> values) {
        Set<String> seen = new HashSet<>();
        for (JsonNode v : values) {
            if (!seen.add(valueKey(v))) {
                throw p.error(key, "value " + PythonStr.str(v) + " is repeated in " + PythonStr.repr(arrayOf(values))
                        + "; each value makes one cell, so repeated values would collide on label and directory."
                        + " Remove the duplicates (use multi_run.num_runs to repeat a cell)");
            }
        }
    }

    private void rejectRepeatedTuples(YamlFields p, Map<String, List<JsonNode>> params) {
        int n = params.values().iterator().next().size();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            StringBuilder key = new StringBuilder();
            for (List<JsonNode> values : params.values()) {
                key.append(valueKey(values.get(i))).append('|');
            }
            if (!seen.add(key.toString())) {
                throw p.error(null, "zip position " + i + " repeats an earlier tuple of values; its cell would collide"
                        + " on label and directory. Remove the duplicate (use multi_run.num_runs to repeat a cell)");
            }
        }
    }

    private static ArrayNode arrayOf(List<JsonNode> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }

    // ---- scenarios ----------------------------------------------------------------------------------------

    private SweepConfig parseScenarios(YamlFields f) {
        if (!f.has("runs") || !f.get("runs").isArray() || f.get("runs").isEmpty()) {
            throw f.error("runs", "scenarios sweep needs 'runs:', a non-empty list of {name, benchmark, variables,"
                    + " values}");
        }
        List<String> allowed = List.of("name", "variables", "benchmark", "values");
        List<ScenarioRun> runs = new ArrayList<>();
        Map<String, Integer> nameCounts = new LinkedHashMap<>();
        JsonNode list = f.get("runs");
        for (int i = 0; i < list.size(); i++) {
            String where = f.where + ".runs[" + i + "]";
            YamlFields r = YamlFields.of(list.get(i), where, lines);
            List<String> unknown = new ArrayList<>();
            r.node.fieldNames().forEachRemaining(k -> {
                if (!allowed.contains(k)) {
                    unknown.add(k);
                }
            });
            if (!unknown.isEmpty()) {
                String hint = unknown.size() == 1 && ClosestKey.of(unknown.get(0), allowed) != null
                        ? " (did you mean '" + ClosestKey.of(unknown.get(0), allowed) + "'?)" : "";
                throw new ConfigException(where, lines.lineOf(where), "sweep run [" + i + "]: unknown field(s) "
                        + unknown + "; allowed: " + allowed + hint
                        + ". Put config overrides under 'benchmark:'");
            }
            String name = r.string("name", null);
            if (name != null) {
                if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("..")
                        || name.chars().allMatch(c -> c == '.')) {
                    throw r.error("name", "scenario name '" + name + "' is not a safe directory name; avoid '/', '\\',"
                            + " '..' and names made only of dots");
                }
                nameCounts.merge(name, 1, Integer::sum);
            }
            ObjectNode bench = objectOrEmpty(r, "benchmark");
            for (String bad : List.of("sweep", "multi_run", "random_seed", "benchmark")) {
                if (bench.has(bad)) {
                    throw r.error("benchmark." + bad, "'" + bad + "' cannot be overridden inside a scenario's benchmark:"
                            + (bad.equals("benchmark") ? " (redundant nesting; write the fields directly)" : ""));
                }
            }
            ObjectNode vars = objectOrEmpty(r, "variables");
            ObjectNode values = null;
            if (r.has("values")) {
                JsonNode v = r.get("values");
                if (!v.isObject()) {
                    throw r.error("values", "must be a mapping of name to scalar value, e.g. {isl: 128, osl: 128}");
                }
                v.fields().forEachRemaining(e -> {
                    if (e.getValue().isContainerNode()) {
                        throw r.error("values." + e.getKey(), "must be a scalar (number, string or boolean), got "
                                + YamlFields.kind(e.getValue()));
                    }
                    requireFinite(r, "values." + e.getKey(), e.getValue());
                });
                values = ((ObjectNode) v).deepCopy();
            }
            requireFinite(r, "benchmark", bench);
            if (name == null && hasNested(bench)) {
                warnings.add(where + ": scenario has no name, so it is labelled scenario_" + i
                        + " and its directory is named after that; add 'name:' for a readable label");
            }
            runs.add(new ScenarioRun(name, bench, vars, values));
        }
        List<String> dups = nameCounts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        if (!dups.isEmpty()) {
            throw f.error("runs", "scenario sweep runs must have unique names; duplicates: " + dups);
        }
        return new ScenarioSweep(common(f), runs, order(f), f.bool("same_seed", false));
    }

    private static boolean hasNested(ObjectNode bench) {
        for (JsonNode v : bench) {
            if (v.isContainerNode()) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode objectOrEmpty(YamlFields r, String key) {
        if (!r.has(key)) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode v = r.get(key);
        if (!v.isObject()) {
            throw r.error(key, "must be a mapping, got " + YamlFields.kind(v));
        }
        return ((ObjectNode) v).deepCopy();
    }

    // ---- sobol and latin hypercube ------------------------------------------------------------------------

    private SweepConfig parseSpaceFilling(YamlFields f, String type) {
        if (!f.has("samples")) {
            throw f.error(null, type + " sweep needs 'samples:' (2.." + MAX_SAMPLES + ")");
        }
        int samples = (int) f.intInRange("samples", 0, 2, MAX_SAMPLES);
        Long seed = f.integer("seed", null);
        if (seed != null && seed < 0) {
            throw f.error("seed", "must be >= 0, got " + seed);
        }
        boolean scramble = f.bool("scramble", true);
        LabelFormat labelFormat = LabelFormat.valueOf(
                f.choice("label_format", "index", List.of("index", "kv")).toUpperCase(Locale.ROOT));
        List<SamplingDimension> dims = samplingDimensions(f);
        IterationOrder order = order(f);
        boolean sameSeed = f.bool("same_seed", false);
        if (sameSeed) {
            warnings.add(f.where + ".same_seed: ignored for " + type + " sweeps; each sample always gets"
                    + " base seed + index");
        }
        if (type.equals("sobol")) {
            if (Integer.bitCount(samples) != 1) {
                warnings.add("Sobol balance is best at powers of 2 (the sequence is balanced on blocks of 2^m"
                        + " points); got samples=" + samples + ". Consider " + Integer.highestOneBit(samples) * 2
                        + ".");
            }
            if (!scramble) {
                warnings.add(f.where + ".scramble: false: the first Sobol point is all-lo (every dimension at its"
                        + " lower bound or first choice)");
            }
            return new SobolSweep(common(f), samples, seed, dims, scramble, labelFormat, order, sameSeed);
        }
        String opt = "random-cd";
        if (f.node.has("optimization")) {
            JsonNode o = f.get("optimization");
            if (o.isNull()) {
                opt = null;
            } else {
                opt = f.choice("optimization", "random-cd", List.of("random-cd", "lloyd"));
                if (opt.equals("lloyd")) {
                    throw f.error("optimization", "'lloyd' is not supported; use 'random-cd' (the default) or null");
                }
            }
        }
        return new LatinHypercubeSweep(common(f), samples, seed, dims, scramble, labelFormat, opt, order, sameSeed);
    }

    private List<SamplingDimension> samplingDimensions(YamlFields f) {
        JsonNode list = f.get("dimensions");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw f.error("dimensions", "needs at least one dimension, e.g. [{path: concurrency, lo: 1, hi: 256,"
                    + " scale: log, kind: int}]");
        }
        List<SamplingDimension> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            YamlFields d = YamlFields.of(list.get(i), f.where + ".dimensions[" + i + "]", lines);
            d.allowOnly(List.of("path", "lo", "hi", "scale", "kind", "choices"));
            String raw = d.requiredString("path");
            String path = canonicalPath(d, raw);
            if (seen.containsKey(path)) {
                throw d.error("path", "'" + raw + "' resolves to '" + path + "', which is already a dimension (as '"
                        + seen.get(path) + "'); duplicate paths are rejected");
            }
            seen.put(path, raw);
            boolean range = d.has("lo") || d.has("hi");
            boolean choices = d.has("choices");
            if (range == choices) {
                throw d.error(null, "provide either (lo, hi) or choices, not " + (range ? "both" : "neither"));
            }
            if (choices) {
                JsonNode c = d.get("choices");
                if (!c.isArray() || c.isEmpty()) {
                    throw d.error("choices", "must be a non-empty list");
                }
                List<JsonNode> values = new ArrayList<>();
                for (JsonNode v : c) {
                    if (v.isContainerNode()) {
                        throw d.error("choices", "entries must be scalars, got " + YamlFields.kind(v));
                    }
                    requireFinite(d, "choices", v);
                    values.add(v.deepCopy());
                }
                if (d.has("scale") || d.has("kind")) {
                    throw d.error(null, "'scale' and 'kind' apply to (lo, hi) ranges, not to choices; remove them");
                }
                out.add(new SamplingDimension(path, null, null, SamplingDimension.Scale.LINEAR,
                        SamplingDimension.ValueKind.REAL, values));
                continue;
            }
            Range bounds = Range.of(d);
            double lo = bounds.lo();
            double hi = bounds.hi();
            SamplingDimension.Scale scale = SamplingDimension.Scale.valueOf(
                    d.choice("scale", "linear", List.of("linear", "log")).toUpperCase(Locale.ROOT));
            if (scale == SamplingDimension.Scale.LOG && lo <= 0) {
                throw d.error("lo", "scale: log requires lo > 0, got " + PythonStr.floatRepr(lo));
            }
            SamplingDimension.ValueKind kind = SamplingDimension.ValueKind.valueOf(
                    d.choice("kind", "real", List.of("int", "real")).toUpperCase(Locale.ROOT));
            if (kind == SamplingDimension.ValueKind.INT) {
                if (Math.ceil(lo) > Math.floor(hi)) {
                    throw d.error(null, "kind: int needs an integer inside [" + PythonStr.floatRepr(lo) + ", "
                            + PythonStr.floatRepr(hi) + "]");
                }
                boolean narrow = scale == SamplingDimension.Scale.LINEAR
                        ? hi - lo < 2
                        : Math.floor(Math.log(hi)) - Math.ceil(Math.log(lo)) < 1;
                if (narrow) {
                    warnings.add(d.where + ": integer range [" + PythonStr.floatRepr(lo) + ", " + PythonStr.floatRepr(hi)
                            + "] is narrow for scale " + scale.name().toLowerCase(Locale.ROOT)
                            + "; most samples will round to the same few values");
                }
            }
            out.add(new SamplingDimension(path, lo, hi, scale, kind, null));
        }
        return out;
    }

    /** The {@code lo}/{@code hi} bounds of a sampling or search dimension. */
    private record Range(double lo, double hi) {
        /** Reads both bounds, requiring {@code hi > lo}. */
        static Range of(YamlFields d) {
            double lo = d.requiredNumber("lo");
            double hi = d.requiredNumber("hi");
            if (!(hi > lo)) {
                throw d.error("hi", "hi (" + PythonStr.floatRepr(hi) + ") must be > lo (" + PythonStr.floatRepr(lo)
                        + ")");
            }
            return new Range(lo, hi);
        }
    }

    // ---- adaptive search ----------------------------------------------------------------------------------

    private SweepConfig parseAdaptive(YamlFields f) {
        String planner = f.choice("planner", "bayesian", List.of("bayesian", "optuna", "monotonic_sla",
                "smooth_isotonic"));
        JsonNode spaceNode = f.get("search_space");
        if (spaceNode == null || !spaceNode.isArray() || spaceNode.isEmpty()) {
            throw f.error("search_space", "needs at least one dimension, e.g. [{path: concurrency, lo: 1, hi: 1000,"
                    + " kind: int, prior: log-uniform}]");
        }
        List<SearchDimension> space = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        for (int i = 0; i < spaceNode.size(); i++) {
            YamlFields d = YamlFields.of(spaceNode.get(i), f.where + ".search_space[" + i + "]", lines);
            d.allowOnly(List.of("path", "lo", "hi", "kind", "prior"));
            String path = canonicalPath(d, d.requiredString("path"));
            if (!paths.add(path)) {
                throw d.error("path", "'" + path + "' is already in the search space; paths must be unique");
            }
            Range bounds = Range.of(d);
            double lo = bounds.lo();
            double hi = bounds.hi();
            SamplingDimension.ValueKind kind = SamplingDimension.ValueKind.valueOf(
                    d.choice("kind", "real", List.of("int", "real")).toUpperCase(Locale.ROOT));
            String priorText = d.choice("prior", "uniform", List.of("uniform", "log-uniform"));
            SearchDimension.Prior prior = priorText.equals("uniform")
                    ? SearchDimension.Prior.UNIFORM : SearchDimension.Prior.LOG_UNIFORM;
            if (prior == SearchDimension.Prior.LOG_UNIFORM && lo <= 0) {
                throw d.error("lo", "prior: log-uniform requires lo > 0, got " + PythonStr.floatRepr(lo));
            }
            space.add(new SearchDimension(path, lo, hi, kind, prior));
        }
        JsonNode objNode = f.get("objectives");
        if (objNode == null || !objNode.isArray() || objNode.isEmpty()) {
            throw f.error("objectives", "needs at least one objective, e.g. [{metric: output_token_throughput,"
                    + " stat: avg, direction: MAXIMIZE}]");
        }
        List<Objective> objectives = new ArrayList<>();
        for (int i = 0; i < objNode.size(); i++) {
            YamlFields o = YamlFields.of(objNode.get(i), f.where + ".objectives[" + i + "]", lines);
            o.allowOnly(List.of("metric", "stat", "direction", "threshold"));
            String metric = o.requiredString("metric");
            String stat = o.choice("stat", "avg", List.of("avg", "p50", "p90", "p95", "p99"));
            String dirText = o.requiredString("direction").toUpperCase(Locale.ROOT);
            if (!dirText.equals("MAXIMIZE") && !dirText.equals("MINIMIZE")) {
                throw o.error("direction", "must be MAXIMIZE or MINIMIZE, got '" + o.string("direction", "") + "'");
            }
            objectives.add(new Objective(metric, stat, Objective.Direction.valueOf(dirText), o.number("threshold",
                    null)));
        }
        List<OutcomeConstraint> constraints = new ArrayList<>();
        if (f.has("outcome_constraints")) {
            JsonNode cn = f.get("outcome_constraints");
            if (!cn.isArray()) {
                throw f.error("outcome_constraints", "must be a list of {metric, op, bound}");
            }
            for (int i = 0; i < cn.size(); i++) {
                YamlFields c = YamlFields.of(cn.get(i), f.where + ".outcome_constraints[" + i + "]", lines);
                c.allowOnly(List.of("metric", "op", "bound"));
                String metric = c.requiredString("metric");
                String op = c.choice("op", null, List.of("<=", ">=", "=="));
                if (op == null) {
                    throw c.error("op", "is required: one of <=, >=, ==");
                }
                constraints.add(new OutcomeConstraint(metric, op, c.requiredNumber("bound")));
            }
        }
        if (!f.has("max_iterations")) {
            throw f.error("max_iterations", "is required for adaptive_search (2..200)");
        }
        int maxIt = (int) f.intInRange("max_iterations", 0, 2, 200);
        int nInit = (int) f.intInRange("n_initial_points", 5, 1, 200);
        if ((planner.equals("bayesian") || planner.equals("optuna")) && nInit >= maxIt) {
            throw f.error("n_initial_points", "n_initial_points (" + nInit + ") must be < max_iterations (" + maxIt
                    + "); otherwise the GP never fits.");
        }
        int plateauWindow = (int) f.intInRange("plateau_window", 8, 2, Integer.MAX_VALUE);
        double plateauThreshold = f.number("plateau_threshold", 0.01);
        if (plateauThreshold <= 0) {
            throw f.error("plateau_threshold", "must be > 0, got " + plateauThreshold);
        }
        int patience = (int) f.intInRange("improvement_patience", 10, 2, Integer.MAX_VALUE);
        Long seed = f.integer("random_seed", null);
        String sampler = f.choice("optuna_sampler", "botorch", List.of("botorch", "gp", "tpe"));
        List<String> acqs = new ArrayList<>(SINGLE_OBJECTIVE_ACQ);
        acqs.addAll(MULTI_OBJECTIVE_ACQ);
        String acq = f.choice("optuna_acquisition", null, acqs);
        if (acq != null && SINGLE_OBJECTIVE_ACQ.contains(acq) && objectives.size() != 1) {
            throw f.error("optuna_acquisition", "'" + acq + "' is a single-objective acquisition and needs exactly 1"
                    + " objective, got " + objectives.size() + "; use one of " + MULTI_OBJECTIVE_ACQ);
        }
        if (acq != null && MULTI_OBJECTIVE_ACQ.contains(acq) && objectives.size() < 2) {
            throw f.error("optuna_acquisition", "'" + acq + "' is a multi-objective acquisition and needs at least 2"
                    + " objectives, got " + objectives.size() + "; use one of " + SINGLE_OBJECTIVE_ACQ);
        }
        String terminator = f.choice("optuna_terminator", null, List.of("regret", "emmr", "none"));
        String pooling = f.choice("objective_pooling", "mean", List.of("mean", "pooled"));
        int stability = (int) f.intInRange("monotonic_stability_trials", 2, 1, 100);
        String precision = f.choice("sla_precision", "normal", List.of("tight", "normal", "coarse"));
        String constraintMode = f.choice("constraint_mode", "penalty", List.of("penalty", "eic"));
        boolean oneD = planner.equals("monotonic_sla") || planner.equals("smooth_isotonic");
        if (oneD) {
            List<String> knobs = new ArrayList<>();
            for (String k : List.of("plateau_window", "plateau_threshold", "improvement_patience")) {
                if (f.has(k)) {
                    knobs.add(k);
                }
            }
            if (!knobs.isEmpty()) {
                warnings.add(f.where + ": " + knobs + " have no effect with planner '" + planner
                        + "', which stops on its own precision rule");
            }
        }
        return new AdaptiveSearchSweep(common(f), planner, space, objectives, constraints, maxIt, nInit, plateauWindow,
                plateauThreshold, patience, seed, sampler, acq, terminator, pooling, stability, precision,
                constraintMode);
    }
}
