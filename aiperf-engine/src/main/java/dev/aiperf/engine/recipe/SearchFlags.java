package dev.aiperf.engine.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SearchOptions;
import dev.aiperf.engine.api.model.SlaRule;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies {@code --search-recipe} and the {@code --search-*} flags to an envelope: the recipe's (or the
 * shorthand's) sweep tree replaces the empty {@code sweep:}, after the mutual-exclusion checks.
 */
public final class SearchFlags {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String CONCURRENCY = "phases.profiling.concurrency";

    private SearchFlags() {
    }

    /**
     * @param s          the flags
     * @param concurrencyFlag {@code --concurrency} as given, or null (pareto-sweep takes its list from it)
     * @param yamlHadSweep whether the {@code --config} file had its own {@code sweep:} block
     * @param envelope   the envelope after the other flags (magic lists already turned into a grid sweep)
     */
    public static void apply(SearchOptions s, String concurrencyFlag, boolean yamlHadSweep, ObjectNode envelope) {
        boolean recipe = s.recipe() != null;
        boolean shorthand = s.explicitSearch() || (!recipe && s.searchSla() != null);
        if (!recipe) {
            rejectRecipeOnlyFlags(s);
        }
        if (!recipe && !shorthand) {
            return;
        }
        String what = recipe ? "--search-recipe " + s.recipe() : "--search-* flags";
        if (recipe && s.explicitSearch()) {
            throw new ConfigException("--search-recipe", "recipe '" + s.recipe() + "' defines its own search; remove"
                    + " the explicit --search-space/--search-metric/--search-stat/--search-direction/"
                    + "--search-max-iterations/--search-initial-points/--search-random-seed/--search-planner flags,"
                    + " or drop --search-recipe and describe the search with those flags alone");
        }
        if (yamlHadSweep) {
            throw new ConfigException("sweep", what + " cannot be combined with the config's sweep: block; remove"
                    + " one of them");
        }
        List<Long> concurrencies = new ArrayList<>();
        if (concurrencyFlag != null && !concurrencyFlag.contains(",") && recipe && s.recipe().equals("pareto-sweep")) {
            try {
                concurrencies.add(Long.parseLong(concurrencyFlag.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("--concurrency", "expected an integer or a comma list; got '"
                        + concurrencyFlag + "'");
            }
        }
        JsonNode magic = envelope.get("sweep");
        if (magic != null) {
            JsonNode params = magic.path("parameters");
            boolean onlyConcurrency = params.isObject() && params.size() == 1 && params.has(CONCURRENCY);
            if (recipe && s.recipe().equals("pareto-sweep") && onlyConcurrency) {
                params.get(CONCURRENCY).forEach(v -> concurrencies.add(v.asLong()));
                envelope.remove("sweep");
            } else {
                List<String> paths = new ArrayList<>();
                params.fieldNames().forEachRemaining(paths::add);
                throw new ConfigException("sweep", what + " cannot be combined with comma-list flags (they sweep "
                        + paths + "); give single values, or describe the sweep in YAML instead");
            }
        }
        ObjectNode benchmark = envelope.has("benchmark") && envelope.get("benchmark").isObject()
                ? (ObjectNode) envelope.get("benchmark") : envelope.putObject("benchmark");
        if (recipe) {
            SearchRecipes.Output out = SearchRecipes.build(s.recipe(),
                    new SearchRecipes.Context(s, concurrencies, benchmark));
            if (out.requiresStreaming() != null) {
                ObjectNode endpoint = benchmark.has("endpoint") && benchmark.get("endpoint").isObject()
                        ? (ObjectNode) benchmark.get("endpoint") : benchmark.putObject("endpoint");
                JsonNode st = endpoint.get("streaming");
                if (st != null && st.isBoolean() && !st.asBoolean()) {
                    throw new ConfigException("--streaming", "recipe '" + s.recipe() + "' requires --streaming ("
                            + out.requiresStreaming() + "); remove streaming: false from the endpoint");
                }
                endpoint.put("streaming", true);
            }
            if (out.slos() != null) {
                ObjectNode slos = benchmark.has("slos") && benchmark.get("slos").isObject()
                        ? (ObjectNode) benchmark.get("slos") : benchmark.putObject("slos");
                for (Iterator<Map.Entry<String, JsonNode>> it = out.slos().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    slos.set(e.getKey(), e.getValue());
                }
            }
            envelope.set("sweep", out.sweep());
        } else {
            envelope.set("sweep", shorthandSweep(s));
        }
    }

    /** The adaptive_search tree of the {@code --search-*} shorthand (single-objective, bayesian by default). */
    static ObjectNode shorthandSweep(SearchOptions s) {
        if (s.searchSpace() == null || s.searchSpace().isEmpty()) {
            throw new ConfigException("--search-space", "an adaptive search needs at least one --search-space"
                    + " \"PATH:LO,HI[:int|real]\", e.g. --search-space concurrency:1,256:int");
        }
        if (s.searchMetric() != null && s.searchMetric().contains(",")) {
            throw new ConfigException("--search-metric", "the --search-* shorthand is single-objective; for several"
                    + " objectives write sweep.objectives (type adaptive_search) in a YAML config");
        }
        ObjectNode t = F.objectNode();
        t.put("type", "adaptive_search");
        t.put("planner", s.searchPlanner() == null ? "bayesian" : s.searchPlanner());
        t.put("max_iterations", s.searchMaxIterations() == null ? 30 : s.searchMaxIterations());
        if (s.searchInitialPoints() != null) {
            t.put("n_initial_points", s.searchInitialPoints());
        }
        if (s.searchRandomSeed() != null) {
            t.put("random_seed", s.searchRandomSeed());
        }
        ArrayNode space = t.putArray("search_space");
        for (String spec : s.searchSpace()) {
            space.add(dimension(spec));
        }
        ObjectNode obj = t.putArray("objectives").addObject();
        obj.put("metric", s.searchMetric() == null ? "output_token_throughput" : s.searchMetric());
        obj.put("stat", s.searchStat() == null ? "avg" : s.searchStat());
        String dir = s.searchDirection() == null ? "maximize" : s.searchDirection().toLowerCase(Locale.ROOT);
        if (!dir.equals("maximize") && !dir.equals("minimize")) {
            throw new ConfigException("--search-direction", "expected maximize or minimize; got '"
                    + s.searchDirection() + "'");
        }
        obj.put("direction", dir.toUpperCase(Locale.ROOT));
        if (s.searchSla() != null) {
            ArrayNode filters = t.putArray("sla_filters");
            for (String spec : s.searchSla()) {
                filters.add(slaFilter(spec));
            }
        }
        return t;
    }

    /** {@code PATH:LO,HI[:int|real]} as a search_space entry. */
    static ObjectNode dimension(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
            throw new ConfigException("--search-space", "expected 'path:lo,hi[:kind]'; got '" + spec + "'");
        }
        String[] range = parts[1].split(",", -1);
        if (range.length != 2) {
            throw new ConfigException("--search-space", "expected 'path:lo,hi[:kind]'; got '" + spec + "'");
        }
        double lo;
        double hi;
        try {
            lo = Double.parseDouble(range[0].trim());
            hi = Double.parseDouble(range[1].trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("--search-space", "lo and hi must be numbers in '" + spec + "'");
        }
        if (!(hi > lo)) {
            throw new ConfigException("--search-space", "hi (" + range[1].trim() + ") must be > lo ("
                    + range[0].trim() + ") in '" + spec + "'");
        }
        String kind = parts.length == 3 ? parts[2].trim() : "real";
        if (!kind.equals("int") && !kind.equals("real")) {
            throw new ConfigException("--search-space", "kind must be 'int' or 'real'; got '" + kind + "' in '"
                    + spec + "'");
        }
        ObjectNode d = F.objectNode();
        d.put("path", parts[0].trim());
        d.put("lo", lo);
        d.put("hi", hi);
        d.put("kind", kind);
        return d;
    }

    /** {@code TAG:STAT:OP:THR} as an sla_filters entry (exactly 4 parts). */
    static ObjectNode slaFilter(String spec) {
        if (spec.split(":", -1).length != 4) {
            throw new ConfigException("--search-sla", "expected 4 colon-separated parts TAG:STAT:OP:THR; got '"
                    + spec + "'");
        }
        SlaRule r = SlaRule.parse(spec);
        ObjectNode f = F.objectNode();
        f.put("metric_tag", r.metric());
        f.put("stat", r.stat());
        f.put("op", r.op().word());
        f.put("threshold", r.threshold());
        return f;
    }

    private static void rejectRecipeOnlyFlags(SearchOptions s) {
        List<String> set = new ArrayList<>();
        if (s.ttftSlaMs() != null) set.add("--ttft-sla-ms");
        if (s.itlSlaMs() != null) set.add("--itl-sla-ms");
        if (s.tpotSlaMs() != null) set.add("--tpot-sla-ms");
        if (s.e2eSlaMs() != null) set.add("--e2e-sla-ms");
        if (s.errorRateSla() != null) set.add("--error-rate-sla");
        if (s.concurrencyMin() != null) set.add("--concurrency-min");
        if (s.concurrencyMax() != null) set.add("--concurrency-max");
        if (s.searchStyle() != null) set.add("--search-style");
        if (s.goodputAttainment() != null) set.add("--goodput-attainment");
        if (s.islOslPairs() != null) set.add("--isl-osl-pairs");
        if (s.degradationThreshold() != null || s.degradationMetric() != null || s.degradationStat() != null) {
            set.add("--degradation-*");
        }
        if (!set.isEmpty()) {
            throw new ConfigException(set.get(0), set + " only apply to a --search-recipe; add one, e.g."
                    + " --search-recipe max-concurrency-under-sla");
        }
    }
}
