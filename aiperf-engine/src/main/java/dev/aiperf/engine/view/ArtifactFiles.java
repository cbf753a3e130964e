package dev.aiperf.engine.view;

import dev.aiperf.engine.api.model.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of an artifact directory the report reads, found by name rather than by layout so that copied,
 * resumed and partial directories work too.
 *
 * @param dir            the artifact directory
 * @param sweepAggregate {@code profile_export_aiperf_sweep.json}, or null without a sweep
 * @param cellAggregates every {@code profile_export_aiperf_aggregate.json}, in path order
 * @param runExports     every run's {@code profile_export_aiperf.json}, in path order
 * @param searchHistory  {@code search_history.json}, or null
 * @param knee           {@code degradation_knee.json}, or null
 */
record ArtifactFiles(Path dir, Path sweepAggregate, List<Path> cellAggregates, List<Path> runExports,
                     Path searchHistory, Path knee) {

    static final String RUN_EXPORT = "profile_export_aiperf.json";
    static final String RECORDS = "profile_export.jsonl";

    /** Deep enough for every layout of ARTIFACTS.md (a run is at most four levels below the base). */
    private static final int MAX_DEPTH = 6;

    /** Finds the files; a missing, empty or run-less directory is bad input that says what to point at. */
    static ArtifactFiles scan(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            throw new ConfigException("no such directory: " + dir
                    + "; give the artifact directory of a profile run (e.g. artifacts/my-sweep)");
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + " is a file, not a directory; give the artifact directory"
                    + " that holds it");
        }
        List<Path> all;
        try (Stream<Path> files = Files.walk(dir, MAX_DEPTH)) {
            all = files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        Path sweep = null;
        Path history = null;
        Path knee = null;
        List<Path> cells = new ArrayList<>();
        List<Path> runs = new ArrayList<>();
        for (Path p : all) {
            switch (p.getFileName().toString()) {
                case "profile_export_aiperf_sweep.json" -> sweep = sweep == null ? p : sweep;
                case "profile_export_aiperf_aggregate.json" -> cells.add(p);
                case RUN_EXPORT -> runs.add(p);
                case "search_history.json" -> history = history == null ? p : history;
                case "degradation_knee.json" -> knee = knee == null ? p : knee;
                default -> { }
            }
        }
        if (runs.isEmpty() && cells.isEmpty() && sweep == null) {
            throw new ConfigException(dir + " holds no benchmark results (no " + RUN_EXPORT
                    + " or aggregate in it); give the directory a profile run wrote, e.g. the one printed after"
                    + " 'artifacts:'");
        }
        return new ArtifactFiles(dir, sweep, List.copyOf(cells), List.copyOf(runs), history, knee);
    }
}
