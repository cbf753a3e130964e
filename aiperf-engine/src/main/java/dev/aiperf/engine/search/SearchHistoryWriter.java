package dev.aiperf.engine.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.BestTrial;
import dev.aiperf.engine.api.model.SearchBoundary;
import dev.aiperf.engine.api.model.SearchIteration;
import dev.aiperf.engine.api.model.SlaBreach;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.sweep.OutcomeConstraint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code search_history.json} in AIPerf's shape, atomically: the JSON goes to a temporary file in the
 * same directory, which is then moved over the target, so a reader (or a crash) never sees half a file.
 * Values of integer dimensions are written as JSON integers; missing numbers (NaN) as null.
 */
public final class SearchHistoryWriter {

    /** The file name AIPerf uses, in the artifacts base directory. */
    public static final String FILE_NAME = "search_history.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SearchHistoryWriter() {
    }

    /** Writes (or rewrites) {@code dir/search_history.json}; returns the file. */
    public static Path write(Path dir, SearchHistory history) {
        Path target = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".search_history", ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), toJson(history));
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** The JSON tree, for callers that embed it elsewhere. */
    public static ObjectNode toJson(SearchHistory h) {
        ObjectNode root = JSON.createObjectNode();
        SearchHistory.Config c = h.config();
        ObjectNode config = root.putObject("config");
        config.put("planner", c.planner());
        ArrayNode objectives = config.putArray("objectives");
        for (ObjectiveSpec o : c.objectives()) {
            ObjectNode n = objectives.addObject();
            n.put("metric", o.metric());
            n.put("stat", o.stat());
            n.put("direction", o.direction().name());
            putNumber(n, "threshold", o.threshold());
        }
        ArrayNode constraints = config.putArray("outcome_constraints");
        for (OutcomeConstraint oc : c.outcomeConstraints()) {
            ObjectNode n = constraints.addObject();
            n.put("metric", oc.metric());
            n.put("op", oc.op());
            n.put("bound", oc.bound());
        }
        config.put("max_iterations", c.maxIterations());
        config.put("n_initial_points", c.nInitialPoints());
        if (c.randomSeed() == null) {
            config.putNull("random_seed");
        } else {
            config.put("random_seed", c.randomSeed());
        }
        config.put("improvement_patience", c.improvementPatience());
        config.put("plateau_window", c.plateauWindow());
        config.put("plateau_threshold", c.plateauThreshold());
        ArrayNode space = config.putArray("search_space");
        for (Dimension d : c.searchSpace()) {
            ObjectNode n = space.addObject();
            n.put("path", d.path());
            putValue(n, "lo", d.lo(), d);
            putValue(n, "hi", d.hi(), d);
            n.put("kind", d.kind() == Dimension.Kind.INT ? "int" : "real");
            n.put("prior", d.prior() == Dimension.Prior.LOG_UNIFORM ? "log-uniform" : "uniform");
        }
        ArrayNode filters = config.putArray("sla_filters");
        for (SlaRule r : c.slaFilters()) {
            writeRule(filters.addObject(), r);
        }

        ArrayNode its = root.putArray("iterations");
        for (SearchIteration it : h.iterations()) {
            writeIteration(its.addObject(), it, c.searchSpace());
        }

        List<BestTrial> best = h.bestTrials();
        if (best.isEmpty()) {
            root.putNull("best_trials");
        } else {
            ArrayNode arr = root.putArray("best_trials");
            for (BestTrial b : best) {
                ObjectNode n = arr.addObject();
                writeIteration(n, b.iteration(), c.searchSpace());
                n.put("feasible_count", b.feasibleCount());
                n.put("pareto_rank", b.paretoRank());
            }
        }

        var boundary = h.boundarySummary();
        if (boundary.isEmpty()) {
            root.putNull("boundary_summary");
        } else {
            SearchBoundary b = boundary.get();
            Dimension d = c.searchSpace().get(0);
            ObjectNode n = root.putObject("boundary_summary");
            n.put("swept_dim_path", b.sweptDimPath());
            if (b.feasibleMax() == null) {
                n.putNull("feasible_max");
            } else {
                ObjectNode f = n.putObject("feasible_max");
                putValue(f, "value", b.feasibleMax().value(), d);
                f.put("iteration_idx", b.feasibleMax().iterationIdx());
                putNumber(f, "objective_value", b.feasibleMax().objectiveValue());
            }
            if (b.infeasibleMin() == null) {
                n.putNull("infeasible_min");
            } else {
                ObjectNode f = n.putObject("infeasible_min");
                putValue(f, "value", b.infeasibleMin().value(), d);
                f.put("iteration_idx", b.infeasibleMin().iterationIdx());
                SlaBreach br = b.infeasibleMin().firstBreach();
                if (br == null) {
                    f.putNull("first_breach");
                } else {
                    ObjectNode fb = f.putObject("first_breach");
                    writeRule(fb, br.rule());
                    putNumber(fb, "observed", br.observed());
                }
            }
        }
        if (h.recipe() == null) {
            root.putNull("recipe");
        } else {
            root.put("recipe", h.recipe());
        }
        if (h.convergenceReason() == null) {
            root.putNull("convergence_reason");
        } else {
            root.put("convergence_reason", h.convergenceReason());
        }
        if (h.convergenceDetail() != null) {
            root.put("convergence_detail", h.convergenceDetail());
        }
        return root;
    }

    private static void writeIteration(ObjectNode n, SearchIteration it, List<Dimension> space) {
        n.put("iteration_idx", it.iterationIdx());
        ObjectNode values = n.putObject("variation_values");
        for (Map.Entry<String, Double> e : it.variationValues().entrySet()) {
            Dimension d = space.stream().filter(x -> x.path().equals(e.getKey())).findFirst().orElse(null);
            putValue(values, e.getKey(), e.getValue(), d);
        }
        if (it.objectiveValues() == null) {
            n.putNull("objective_values");
        } else {
            ArrayNode ov = n.putArray("objective_values");
            for (Double v : it.objectiveValues()) {
                if (v == null || !Double.isFinite(v)) {
                    ov.addNull();
                } else {
                    ov.add(v);
                }
            }
        }
        n.put("feasible", it.feasible());
        n.put("non_monotonic_warning", it.nonMonotonicWarning());
    }

    private static void writeRule(ObjectNode n, SlaRule r) {
        n.put("metric_tag", r.metric());
        n.put("stat", r.stat());
        n.put("op", r.op().word());
        n.put("threshold", r.threshold());
    }

    private static void putValue(ObjectNode n, String key, Double v, Dimension d) {
        if (v == null || !Double.isFinite(v)) {
            n.putNull(key);
        } else if (d != null && d.kind() == Dimension.Kind.INT && v == Math.rint(v) && Math.abs(v) < 1e15) {
            n.put(key, (long) (double) v);
        } else {
            n.put(key, v);
        }
    }

    private static void putNumber(ObjectNode n, String key, Double v) {
        if (v == null || !Double.isFinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }
}
