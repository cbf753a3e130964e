package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.ClosestKey;
import dev.aiperf.engine.config.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenarios sweep: {@code runs}, a list of named patches of the benchmark (and of the envelope's
 * variables). A scenario's name becomes its label and directory, so names must be unique and safe in a path.
 */
final class ScenariosParser {
    static final List<String> KEYS = List.of("runs", "iteration_order", "same_seed");
    private static final List<String> RUN_KEYS = List.of("name", "variables", "benchmark", "values");
    /** Envelope fields a scenario cannot change: they shape the whole sweep, not one of its cells. */
    private static final List<String> NOT_IN_SCENARIO = List.of("sweep", "multi_run", "random_seed", "benchmark");

    private ScenariosParser() {
    }

    /** {@code null} when a problem was recorded. */
    static SweepConfig parse(Fields f, List<String> warnings) {
        JsonNode list = f.get("runs");
        List<ScenarioRun> runs = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            f.error("runs", "scenarios sweep needs 'runs:', a non-empty list of {name, benchmark, variables,"
                    + " values}");
        } else {
            Map<String, Integer> nameCounts = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                ScenarioRun run = run(f.mapping("runs", i), i, warnings);
                if (run != null) {
                    runs.add(run);
                    if (run.name() != null) {
                        nameCounts.merge(run.name(), 1, Integer::sum);
                    }
                }
            }
            List<String> dups = nameCounts.entrySet().stream().filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey).toList();
            if (!dups.isEmpty()) {
                f.error("runs", "scenario sweep runs must have unique names; duplicates: " + dups);
            }
        }
        IterationOrder order = SweepCommonParser.iterationOrder(f);
        boolean sameSeed = f.bool("same_seed", false);
        SweepCommon common = SweepCommonParser.parse(f, warnings);
        return f.hasProblems() ? null : new ScenarioSweep(common, runs, order, sameSeed);
    }

    private static ScenarioRun run(Fields r, int i, List<String> warnings) {
        if (r == null) {
            return null;
        }
        List<String> unknown = new ArrayList<>();
        r.node().fieldNames().forEachRemaining(k -> {
            if (!RUN_KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            String closest = unknown.size() == 1 ? ClosestKey.of(unknown.get(0), RUN_KEYS) : null;
            r.error(null, "sweep run [" + i + "]: unknown field(s) " + unknown + "; allowed: " + RUN_KEYS
                    + (closest == null ? "" : " (did you mean '" + closest + "'?)")
                    + ". Put config overrides under 'benchmark:'");
        }
        String name = r.string("name");
        if (name != null && (name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("..")
                || name.chars().allMatch(c -> c == '.'))) {
            r.error("name", "scenario name '" + name + "' is not a safe directory name; avoid '/', '\\',"
                    + " '..' and names made only of dots");
        }
        Fields benchmark = r.mapping("benchmark");
        if (benchmark != null) {
            for (String bad : NOT_IN_SCENARIO) {
                if (benchmark.node().has(bad)) {
                    r.error("benchmark." + bad, "'" + bad + "' cannot be overridden inside a scenario's benchmark:"
                            + (bad.equals("benchmark") ? " (redundant nesting; write the fields directly)" : ""));
                }
            }
            FiniteValues.check(r, "benchmark", benchmark.node());
        }
        Fields variables = r.mapping("variables");
        ObjectNode values = values(r);
        if (benchmark == null || variables == null) {
            return null;
        }
        if (name == null && hasNested(benchmark.node())) {
            warnings.add(r.path() + ": scenario has no name, so it is labelled scenario_" + i
                    + " and its directory is named after that; add 'name:' for a readable label");
        }
        return new ScenarioRun(name, benchmark.node().deepCopy(), variables.node().deepCopy(), values);
    }

    /** The declared cell values: flat, scalar and finite; {@code null} when not given. */
    private static ObjectNode values(Fields r) {
        if (!r.has("values")) {
            return null;
        }
        JsonNode v = r.get("values");
        if (!v.isObject()) {
            r.error("values", "must be a mapping of name to scalar value, e.g. {isl: 128, osl: 128}");
            return null;
        }
        v.fields().forEachRemaining(e -> {
            if (e.getValue().isContainerNode()) {
                r.error("values." + e.getKey(), "must be a scalar (number, string or boolean), got "
                        + Fields.describe(e.getValue()));
            } else {
                FiniteValues.check(r, "values." + e.getKey(), e.getValue());
            }
        });
        return ((ObjectNode) v).deepCopy();
    }

    private static boolean hasNested(ObjectNode bench) {
        for (JsonNode v : bench) {
            if (v.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
