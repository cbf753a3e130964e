package dev.aiperf.engine.stats;

import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.Convergence;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.plan.RunLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.aiperf.engine.plan.RunLayout.AGGREGATE_DIR;
import static dev.aiperf.engine.plan.RunLayout.SWEEP_AGGREGATE_DIR;

/**
 * Recomputes every aggregate of an artifacts directory from the run directories alone, offline: finds the
 * runs in any AIPerf layout, regroups them by their {@code run_info} (so runs merged in from another day
 * join their cell), and rewrites each per-cell aggregate and the sweep aggregate (with the frontier of
 * {@code search_history.json} when the directory holds an adaptive search). Same input, same bytes.
 */
public final class Aggregates {

    /**
     * What a recompute did.
     *
     * @param written  files written, in order
     * @param warnings things skipped (unknown directories, cells whose runs all failed)
     * @param cells    per-cell aggregates by cell label ({@code ""} without a sweep)
     * @param sweep    the sweep aggregate, or {@code null} without a sweep
     */
    public record Report(List<Path> written, List<String> warnings, Map<String, CellAggregate> cells,
                         SweepAggregate sweep) {
        /** True if at least one aggregate was written. */
        public boolean ok() {
            return !written.isEmpty();
        }
    }

    private record Found(RunSummary run, RunLayout.Placement placement) {
    }

    private Aggregates() {
    }

    /** {@link #recompute(Path, double, List)} without SLA filters. */
    public static Report recompute(Path baseDir, double confidenceLevel) {
        return recompute(baseDir, confidenceLevel, List.of());
    }

    /**
     * Scans {@code baseDir}, rewrites its aggregates and returns what was done.
     *
     * @throws ConfigException if the directory does not exist or holds no run
     */
    public static Report recompute(Path baseDir, double confidenceLevel, List<SlaRule> slaFilters) {
        ConfidenceAggregator aggregator = new ConfidenceAggregator(confidenceLevel);
        if (!Files.isDirectory(baseDir)) {
            throw new ConfigException("aggregate: " + baseDir + " is not a directory; pass the artifacts"
                    + " directory of a benchmark (the one holding profile_runs/ or the cell directories)");
        }
        Path base = baseDir.toAbsolutePath().normalize();
        List<String> warnings = new ArrayList<>();
        List<Found> found = scan(base, warnings);
        if (found.isEmpty()) {
            throw new ConfigException("aggregate: no run directories under " + baseDir + " (looked for "
                    + RunSummaryReader.PROFILE_EXPORT + " or " + RunSummaryReader.RUN_STATUS + ")");
        }

        List<Path> written = new ArrayList<>();
        Map<String, CellAggregate> cells = new LinkedHashMap<>();
        List<Found> plain = found.stream().filter(f -> !inSweep(f.run())).toList();
        List<Found> swept = found.stream().filter(f -> inSweep(f.run())).toList();

        if (!plain.isEmpty()) {
            List<RunSummary> runs = plain.stream().map(Found::run).toList();
            if (runs.size() == 1 && plain.get(0).placement().shape() == RunLayout.Shape.SINGLE) {
                warnings.add("single run in " + base + ": nothing to aggregate");
            } else {
                try {
                    CellAggregate agg = aggregateCell(aggregator, runs);
                    cells.put("", agg);
                    written.addAll(writeCell(new RunLayout(base, RunLayout.Shape.MULTI_RUN).cellAggregateDir(null), agg,
                            new CellMetadata(runs.get(0).cooldownSeconds(), null, null, null, runs.get(0).model()),
                            runs));
                } catch (AggregationException e) {
                    warnings.add(e.getMessage());
                }
            }
        }

        SweepAggregate sweep = null;
        if (!swept.isEmpty()) {
            Map<String, List<Found>> groups = new LinkedHashMap<>();
            for (Found f : swept) {
                groups.computeIfAbsent(SweepAggregator.groupKey(f.run()), k -> new ArrayList<>()).add(f);
            }
            RunLayout sweepLayout = swept.stream().map(f -> f.placement().layout())
                    .filter(l -> l.shape() == RunLayout.Shape.REPEATED).findFirst()
                    .orElse(swept.get(0).placement().layout());
            List<SweepCell> sweepCells = new ArrayList<>();
            for (List<Found> g : groups.values()) {
                RunSummary first = g.get(0).run();
                RunLayout.Placement placement = g.get(0).placement();
                String dirName = placement.cellDir() != null ? placement.cellDir() : sanitize(first.variationLabel());
                List<RunSummary> runs = g.stream().map(Found::run).toList();
                sweepCells.add(new SweepCell(first.variationLabel(), first.variationValues(), dirName, runs));
                String cellLabel = first.variationLabel() != null ? first.variationLabel() : dirName;
                try {
                    CellAggregate agg = aggregateCell(aggregator, runs);
                    cells.put(cellLabel, agg);
                    CellMetadata md = new CellMetadata(first.cooldownSeconds(), first.variationLabel(),
                            first.variationValues(), sweepLayout.shape().sweepMode(), first.model());
                    RunLayout cellLayout = placement.shape() == RunLayout.Shape.UNKNOWN ? sweepLayout
                            : placement.layout();
                    written.addAll(writeCell(cellLayout.cellAggregateDir(dirName), agg, md, runs));
                } catch (AggregationException e) {
                    warnings.add("cell " + cellLabel + ": " + e.getMessage());
                }
            }
            sweep = new SweepAggregator(new SweepOptions(confidenceLevel, sweepLayout.shape().sweepMode(), slaFilters, null))
                    .aggregate(sweepCells);
            // An adaptive search leaves its history beside the runs; its frontier joins the sweep aggregate.
            sweep = sweep.withSearchFrontier(SearchFrontier.read(base, sweep.sweepParameters()).orElse(null));
            written.addAll(SweepAggregateWriter.write(sweepLayout.sweepAggregateDir(), sweep));
        }
        return new Report(written, warnings, cells, sweep);
    }

    /**
     * The confidence aggregate of one cell's trials, with how they ended under the convergence settings the runs
     * were made with (read from their {@code input_config}).
     *
     * @throws AggregationException when no trial succeeded
     */
    public static CellAggregate aggregateCell(ConfidenceAggregator aggregator, List<RunSummary> runs) {
        CellAggregate agg = aggregator.aggregate(runs);
        Convergence convergence = ConvergenceCriterion.outcome(runs, runs.get(0).multiRun());
        return convergence == null ? agg : agg.withConvergence(convergence);
    }

    /**
     * Writes a cell's aggregate into {@code dir}, and with convergence also
     * {@code profile_export_aiperf_collated.json} (the trials' per-request values pooled), as AIPerf does.
     */
    public static List<Path> writeCell(Path dir, CellAggregate agg, CellMetadata metadata, List<RunSummary> runs) {
        List<Path> written = new ArrayList<>(CellAggregateWriter.write(dir, agg, metadata));
        if (agg.convergence() != null) {
            written.add(CollatedExportWriter.write(dir, runs));
        }
        return written;
    }

    private static boolean inSweep(RunSummary r) {
        return r.variationLabel() != null || !r.variationValues().isEmpty();
    }

    /** Finds run directories (skipping aggregate output trees), in a stable order: cell index, trial, path. */
    private static List<Found> scan(Path base, List<String> warnings) {
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(base)) {
            dirs = walk.filter(Files::isDirectory)
                    .filter(d -> !underAggregate(base, d))
                    .filter(RunSummaryReader::isRunDirectory)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot scan " + base + ": " + e.getMessage(), e);
        }
        RunSummaryReader reader = new RunSummaryReader();
        List<Found> found = new ArrayList<>();
        for (Path d : dirs) {
            RunLayout.Placement placement = RunLayout.classify(base, d);
            RunSummary run = reader.read(d);
            if (placement.shape() == RunLayout.Shape.UNKNOWN && !inSweep(run)) {
                warnings.add("skipped " + d + ": not in a known layout and no run_info.variation_label to place it");
                continue;
            }
            found.add(new Found(run, placement));
        }
        found.sort(Comparator
                .comparing((Found f) -> f.run().runInfo() == null || f.run().runInfo().variationIndex() == null
                        ? Integer.MAX_VALUE : f.run().runInfo().variationIndex())
                .thenComparing(f -> SweepAggregator.groupKey(f.run()))
                .thenComparing(f -> f.run().label())
                .thenComparing(f -> f.run().directory().toString()));
        return found;
    }

    private static boolean underAggregate(Path base, Path d) {
        for (Path part : base.relativize(d)) {
            String s = part.toString();
            if (s.equals(AGGREGATE_DIR) || s.equals(SWEEP_AGGREGATE_DIR)) {
                return true;
            }
        }
        return false;
    }

    private static String sanitize(String label) {
        String s = label == null ? "" : label.replaceAll("[/\\\\<>:\"|?*]", "").replace("..", "");
        return s.isBlank() ? "variation" : s;
    }
}
