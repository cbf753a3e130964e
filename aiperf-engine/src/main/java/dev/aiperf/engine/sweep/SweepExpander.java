package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.AIPerfConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expands a sweep into its variations: one deep copy of the {@code benchmark:} body per cell with the cell's values
 * set, labels, directory names and seeds. Never binds; the binder turns each {@link Variation#benchmarkTree()} into
 * a typed config.
 *
 * <p>Grid and zip keys are sorted alphabetically before expansion, whatever order they were written in, so the
 * first key varies slowest. Seeds: variation {@code i} gets {@code base + i}; grid, zip and scenarios give every
 * variation {@code base} when {@code same_seed} is set. The base is the envelope's {@code random_seed}, or 42 when it
 * is absent and multi-run is on with {@code set_consistent_seed}; with neither, seeds are {@code null}.
 */
public final class SweepExpander {
    /** The seed {@code multi_run.set_consistent_seed} fills in when none is given. */
    public static final long CONSISTENT_SEED = 42L;

    private SweepExpander() {
    }

    /** The envelope seed after the consistent-seed rule, or {@code null}. */
    public static Long baseSeed(AIPerfConfig cfg) {
        if (cfg.randomSeed() != null) {
            return cfg.randomSeed();
        }
        if (cfg.multiRun() != null && cfg.multiRun().numRuns() > 1 && cfg.multiRun().setConsistentSeed()) {
            return CONSISTENT_SEED;
        }
        return null;
    }

    /** The single variation of a config without a sweep: index 0, no values, empty label and directory. */
    public static Variation single(AIPerfConfig cfg) {
        return new Variation(0, "", Map.of(), "", baseSeed(cfg), cfg.benchmarkTree().deepCopy(), variables(cfg));
    }

    /**
     * The variations of {@code sweep} over {@code cfg}'s base body, in index order.
     *
     * @throws IllegalArgumentException for adaptive search, whose points come from its planner one at a time
     * @throws ConfigException when a path cannot be set on the base (e.g. no entry named X) or two cells would share
     *                         a directory
     */
    public static List<Variation> expand(AIPerfConfig cfg, SweepConfig sweep) {
        List<Variation> out;
        if (sweep instanceof GridSweep g) {
            out = table(cfg, g.parameters(), false, g.sameSeed());
        } else if (sweep instanceof ZipSweep z) {
            out = table(cfg, z.parameters(), true, z.sameSeed());
        } else if (sweep instanceof ScenarioSweep s) {
            out = scenarios(cfg, s);
        } else if (sweep instanceof SobolSweep s) {
            out = spaceFilling(cfg, "sobol", s.dimensions(), s.labelFormat(),
                    SobolSampler.points(s.samples(), s.dimensions().size(), s.scramble(), designSeed(cfg, s.seed())));
        } else if (sweep instanceof LatinHypercubeSweep s) {
            out = spaceFilling(cfg, "latin_hypercube", s.dimensions(), s.labelFormat(),
                    LatinHypercubeSampler.points(s.samples(), s.dimensions().size(), s.scramble(),
                            LatinHypercubeSampler.Optimization.of(s.optimization()), designSeed(cfg, s.seed())));
        } else {
            throw new IllegalArgumentException(
                    "adaptive_search has no fixed variation list; its planner proposes one point per iteration");
        }
        if (!(sweep instanceof SobolSweep) && !(sweep instanceof LatinHypercubeSweep)) {
            rejectSharedDirectories(out);
        }
        return out;
    }

    /**
     * The seed of a space-filling design: the sweep's own {@code seed}, else the envelope seed (after the
     * consistent-seed rule), else 0 so that an unseeded design is still reproducible.
     */
    public static long designSeed(AIPerfConfig cfg, Long sweepSeed) {
        if (sweepSeed != null) {
            return sweepSeed;
        }
        Long base = baseSeed(cfg);
        return base == null ? 0L : base;
    }

    private static ObjectNode variables(AIPerfConfig cfg) {
        return cfg.variables() == null ? JsonNodeFactory.instance.objectNode() : cfg.variables().deepCopy();
    }

    private static Long seedOf(Long base, int index, boolean same) {
        if (base == null) {
            return null;
        }
        return same ? base : base + index;
    }

    /** Grid (Cartesian, first key slowest) or zip (element-wise) over body-canonical, sorted paths. */
    private static List<Variation> table(AIPerfConfig cfg, Map<String, List<JsonNode>> params, boolean zip,
                                         boolean same) {
        ObjectNode base = cfg.benchmarkTree();
        Map<String, List<JsonNode>> sorted = new TreeMap<>();
        Map<String, String> spelled = new HashMap<>();
        params.forEach((path, values) -> {
            String p = DottedPath.againstBody(path, base);
            if (sorted.containsKey(p)) {
                throw new ConfigException("sweep.parameters." + path, "'" + path + "' resolves to '" + p
                        + "', which is already a parameter (as '" + spelled.get(p) + "'). Pick one spelling.");
            }
            spelled.put(p, path);
            sorted.put(p, values);
        });
        List<String> paths = new ArrayList<>(sorted.keySet());
        List<List<JsonNode>> lists = new ArrayList<>(sorted.values());
        List<List<JsonNode>> combos = new ArrayList<>();
        if (zip) {
            int n = lists.get(0).size();
            for (int i = 0; i < n; i++) {
                List<JsonNode> row = new ArrayList<>();
                for (List<JsonNode> l : lists) {
                    row.add(l.get(i));
                }
                combos.add(row);
            }
        } else {
            product(lists, 0, new ArrayList<>(), combos);
        }
        Long seed = baseSeed(cfg);
        List<Variation> out = new ArrayList<>();
        for (int i = 0; i < combos.size(); i++) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (int k = 0; k < paths.size(); k++) {
                values.put(paths.get(k), combos.get(i).get(k));
            }
            out.add(apply(cfg, i, kvLabel(values), values, seedOf(seed, i, same), "sweep.parameters"));
        }
        return out;
    }

    private static void product(List<List<JsonNode>> lists, int depth, List<JsonNode> prefix,
                                List<List<JsonNode>> out) {
        if (depth == lists.size()) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (JsonNode v : lists.get(depth)) {
            prefix.add(v);
            product(lists, depth + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** {@code k1=v1, k2=v2} with Python {@code str()} values. */
    public static String kvLabel(Map<String, JsonNode> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + "=" + PythonStr.str(v)));
        return String.join(", ", parts);
    }

    private static Variation apply(AIPerfConfig cfg, int index, String label, Map<String, JsonNode> values,
                                   Long seed, String where) {
        ObjectNode body = cfg.benchmarkTree().deepCopy();
        ObjectNode vars = variables(cfg);
        values.forEach((path, v) -> {
            try {
                DottedPath.set(body, vars, path, v);
            } catch (ConfigException e) {
                throw new ConfigException(where + "." + path, e.getMessage());
            }
        });
        return new Variation(index, label, values, CellDirName.of(values, label, index), seed, body, vars);
    }

    private static List<Variation> scenarios(AIPerfConfig cfg, ScenarioSweep s) {
        ObjectNode base = cfg.benchmarkTree();
        Long seed = baseSeed(cfg);
        List<Variation> out = new ArrayList<>();
        for (int i = 0; i < s.runs().size(); i++) {
            ScenarioRun run = s.runs().get(i);
            String where = "sweep.runs[" + i + "]";
            ObjectNode override = ScenarioMerge.normaliseDataset(run.benchmark(), base, where);
            ObjectNode body = ScenarioMerge.merge(base, override);
            ObjectNode vars = ScenarioMerge.merge(variables(cfg), run.variables());
            String label = run.name() != null ? run.name() : "scenario_" + i;
            Map<String, JsonNode> values = new LinkedHashMap<>();
            if (run.values() != null) {
                run.values().fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
            } else {
                override.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
                if (!run.variables().isEmpty()) {
                    values.put("variables", run.variables());
                }
            }
            out.add(new Variation(i, label, values, CellDirName.of(values, label, i), seedOf(seed, i, s.sameSeed()),
                    body, vars));
        }
        return out;
    }

    private static List<Variation> spaceFilling(AIPerfConfig cfg, String type, List<SamplingDimension> dims,
                                                LabelFormat format, double[][] unit) {
        Long seed = baseSeed(cfg);
        List<String> paths = dims.stream().map(d -> DottedPath.againstBody(d.path(), cfg.benchmarkTree())).toList();
        List<Variation> out = new ArrayList<>();
        Map<String, Integer> dirCount = new HashMap<>();
        for (int i = 0; i < unit.length; i++) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (int k = 0; k < dims.size(); k++) {
                values.put(paths.get(k), dims.get(k).map(unit[i][k]));
            }
            String indexLabel = String.format("%s_%04d", type, i);
            String label = format == LabelFormat.KV ? kvLabel(values) : indexLabel;
            Variation v = apply(cfg, i, label, values, seedOf(seed, i, false), "sweep.dimensions");
            // Rounded int dimensions can repeat a point; keep every sample in its own directory.
            if (dirCount.merge(v.dirName(), 1, Integer::sum) > 1) {
                v = new Variation(v.index(), v.label(), v.values(), v.dirName() + "__" + indexLabel, v.seed(),
                        v.benchmarkTree(), v.variables());
            }
            out.add(v);
        }
        return out;
    }

    private static void rejectSharedDirectories(List<Variation> vars) {
        Map<String, Variation> seen = new HashMap<>();
        for (Variation v : vars) {
            Variation prev = seen.putIfAbsent(v.dirName(), v);
            if (prev != null) {
                throw new ConfigException("sweep", "variations '" + prev.label() + "' and '" + v.label()
                        + "' would share the directory '" + v.dirName() + "'; make their values or names distinct");
            }
        }
    }
}
