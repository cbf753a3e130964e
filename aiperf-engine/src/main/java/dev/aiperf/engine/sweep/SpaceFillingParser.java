package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.config.Fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the space-filling designs, {@code sobol} and {@code latin_hypercube}: {@code samples} points spread over
 * {@code dimensions}, each a range ({@code lo}, {@code hi}, linear or log, int or real) or a list of choices.
 */
final class SpaceFillingParser {
    /** Maximum Sobol / Latin-hypercube sample count. */
    static final int MAX_SAMPLES = 1 << 20;
    static final List<String> SOBOL_KEYS = List.of("samples", "seed", "dimensions", "scramble", "label_format",
            "iteration_order", "same_seed");
    static final List<String> LATIN_HYPERCUBE_KEYS = List.of("samples", "seed", "dimensions", "scramble",
            "label_format", "iteration_order", "same_seed", "optimization");

    private SpaceFillingParser() {
    }

    /** {@code type} is {@code sobol} or {@code latin_hypercube}; {@code null} when a problem was recorded. */
    static SweepConfig parse(Fields f, String type, List<String> warnings) {
        Integer samples = null;
        if (!f.has("samples")) {
            f.error(null, type + " sweep needs 'samples:' (2.." + MAX_SAMPLES + ")");
        } else {
            samples = f.intInRange("samples", null, 2, MAX_SAMPLES);
        }
        Long seed = f.wholeNumber("seed");
        if (seed != null && seed < 0) {
            f.error("seed", "must be >= 0; got " + seed);
        }
        boolean scramble = f.bool("scramble", true);
        String labelFormat = f.choice("label_format", "index", List.of("index", "kv"));
        List<SamplingDimension> dims = dimensions(f, warnings);
        IterationOrder order = SweepCommonParser.iterationOrder(f);
        boolean sameSeed = f.bool("same_seed", false);
        if (sameSeed) {
            warnings.add(f.path() + ".same_seed: ignored for " + type + " sweeps; each sample always gets"
                    + " base seed + index");
        }
        String optimization = type.equals("latin_hypercube") ? optimization(f) : null;
        if ("lloyd".equals(optimization)) {
            if (f.has("dimensions") && f.get("dimensions").isArray() && f.get("dimensions").size() < 2) {
                f.error("optimization", "'lloyd' moves points towards their Voronoi cells' centroids, which needs at"
                        + " least 2 dimensions; use 'random-cd' (the default) or null for one dimension");
            }
            if (samples != null && samples > LloydRelaxation.MAX_SAMPLES) {
                f.error("optimization", "'lloyd' relaxes designs of at most " + LloydRelaxation.MAX_SAMPLES
                        + " samples (its cost grows with samples squared); got samples=" + samples
                        + "; use 'random-cd' (the default) for larger designs");
            }
        }
        if (type.equals("sobol")) {
            if (samples != null && Integer.bitCount(samples) != 1) {
                warnings.add("Sobol balance is best at powers of 2 (the sequence is balanced on blocks of 2^m"
                        + " points); got samples=" + samples + ". Consider " + Integer.highestOneBit(samples) * 2
                        + ".");
            }
            if (!scramble) {
                warnings.add(f.path() + ".scramble: false: the first Sobol point is all-lo (every dimension at its"
                        + " lower bound or first choice)");
            }
        }
        SweepCommon common = SweepCommonParser.parse(f, warnings);
        if (f.hasProblems()) {
            return null;
        }
        LabelFormat label = LabelFormat.valueOf(labelFormat.toUpperCase(Locale.ROOT));
        return type.equals("sobol")
                ? new SobolSweep(common, samples, seed, dims, scramble, label, order, sameSeed)
                : new LatinHypercubeSweep(common, samples, seed, dims, scramble, label, optimization, order, sameSeed);
    }

    /** {@code random-cd} unless written; an explicit {@code null} turns the optimisation off. */
    private static String optimization(Fields f) {
        if (!f.node().has("optimization")) {
            return "random-cd";
        }
        return f.choice("optimization", null, List.of("random-cd", "lloyd"));
    }

    private static List<SamplingDimension> dimensions(Fields f, List<String> warnings) {
        JsonNode list = f.get("dimensions");
        if (list == null || !list.isArray() || list.isEmpty()) {
            f.error("dimensions", "needs at least one dimension, e.g. [{path: concurrency, lo: 1, hi: 256,"
                    + " scale: log, kind: int}]");
            return List.of();
        }
        List<SamplingDimension> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Fields d = f.mapping("dimensions", i);
            if (d == null) {
                continue;
            }
            d.allowOnly(List.of("path", "lo", "hi", "scale", "kind", "choices"));
            String raw = d.requiredString("path");
            String path = raw == null ? null : DottedPath.canonical(raw, d, "path");
            if (path != null && seen.containsKey(path)) {
                d.error("path", "'" + raw + "' resolves to '" + path + "', which is already a dimension (as '"
                        + seen.get(path) + "'); duplicate paths are rejected");
            } else if (path != null) {
                seen.put(path, raw);
            }
            boolean range = d.has("lo") || d.has("hi");
            boolean choices = d.has("choices");
            SamplingDimension dim;
            if (range == choices) {
                d.error(null, "provide either (lo, hi) or choices, not " + (range ? "both" : "neither"));
                dim = null;
            } else {
                dim = choices ? choices(d, path) : range(d, path, warnings);
            }
            if (dim != null) {
                out.add(dim);
            }
        }
        return out;
    }

    private static SamplingDimension choices(Fields d, String path) {
        JsonNode c = d.get("choices");
        if (!c.isArray() || c.isEmpty()) {
            d.error("choices", "must be a non-empty list");
            return null;
        }
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode v : c) {
            if (v.isContainerNode()) {
                d.error("choices", "entries must be scalars, got " + Fields.describe(v));
                return null;
            }
            if (!FiniteValues.check(d, "choices", v)) {
                return null;
            }
            values.add(v.deepCopy());
        }
        if (d.has("scale") || d.has("kind")) {
            d.error(null, "'scale' and 'kind' apply to (lo, hi) ranges, not to choices; remove them");
            return null;
        }
        return new SamplingDimension(path, null, null, SamplingDimension.Scale.LINEAR,
                SamplingDimension.ValueKind.REAL, values);
    }

    private static SamplingDimension range(Fields d, String path, List<String> warnings) {
        Bounds bounds = Bounds.read(d);
        String scaleText = d.choice("scale", "linear", List.of("linear", "log"));
        String kindText = d.choice("kind", "real", List.of("int", "real"));
        if (bounds == null || scaleText == null || kindText == null) {
            return null;
        }
        double lo = bounds.lo();
        double hi = bounds.hi();
        SamplingDimension.Scale scale = SamplingDimension.Scale.valueOf(scaleText.toUpperCase(Locale.ROOT));
        if (scale == SamplingDimension.Scale.LOG && lo <= 0) {
            d.error("lo", "scale: log requires lo > 0, got " + PythonStr.floatRepr(lo));
            return null;
        }
        SamplingDimension.ValueKind kind = SamplingDimension.ValueKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        if (kind == SamplingDimension.ValueKind.INT) {
            if (Math.ceil(lo) > Math.floor(hi)) {
                d.error(null, "kind: int needs an integer inside [" + PythonStr.floatRepr(lo) + ", "
                        + PythonStr.floatRepr(hi) + "]");
                return null;
            }
            boolean narrow = scale == SamplingDimension.Scale.LINEAR
                    ? hi - lo < 2
                    : Math.floor(Math.log(hi)) - Math.ceil(Math.log(lo)) < 1;
            if (narrow) {
                warnings.add(d.path() + ": integer range [" + PythonStr.floatRepr(lo) + ", "
                        + PythonStr.floatRepr(hi) + "] is narrow for scale " + scale.name().toLowerCase(Locale.ROOT)
                        + "; most samples will round to the same few values");
            }
        }
        return new SamplingDimension(path, lo, hi, scale, kind, null);
    }
}
