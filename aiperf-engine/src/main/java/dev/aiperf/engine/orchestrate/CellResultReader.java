package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.FailedRun;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.api.model.SlaVerdict;
import dev.aiperf.engine.stats.Aggregates;
import dev.aiperf.engine.stats.AggregationException;
import dev.aiperf.engine.stats.CellMetadata;
import dev.aiperf.engine.stats.ConfidenceAggregator;
import dev.aiperf.engine.stats.RunSummary;
import dev.aiperf.engine.stats.RunSummaryReader;
import dev.aiperf.engine.sweep.Variation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A cell's result read back from its trials' directories: what a JUnit test receives and a gate judges. */
final class CellResultReader {

    private CellResultReader() {
    }

    /**
     * Reads a cell's trials, aggregates the successful ones (writing the cell aggregate into {@code aggregateDir}
     * when {@code metadata} is given) and judges {@code gates} on the means.
     *
     * @param runDirs the cell's planned trial directories, in trial order; those that do not exist (trials a
     *                converged cell did not need) are left out of the result
     */
    static CellResult read(Variation v, String label, List<Path> runDirs, Path aggregateDir, CellMetadata metadata,
                           double level, List<SlaRule> gates) {
        RunSummaryReader reader = new RunSummaryReader();
        List<Path> ran = runDirs.stream().filter(Files::isDirectory).toList();
        List<RunSummary> summaries = ran.stream().map(reader::read).toList();
        List<FailedRun> failed = summaries.stream().filter(s -> !s.succeeded() && s.error() != null)
                .map(s -> new FailedRun(s.label(), s.error())).toList();
        CellAggregate aggregate = null;
        if (summaries.stream().anyMatch(RunSummary::succeeded)) {
            try {
                aggregate = Aggregates.aggregateCell(new ConfidenceAggregator(level), summaries);
                if (metadata != null && aggregateDir != null) {
                    Aggregates.writeCell(aggregateDir, aggregate, metadata, summaries);
                }
            } catch (AggregationException e) {
                aggregate = null;
            }
        }
        List<SlaVerdict> verdicts = new ArrayList<>();
        for (SlaRule rule : gates) {
            var stats = aggregate == null ? null : aggregate.get(rule.metric() + "_" + rule.stat());
            verdicts.add(new SlaVerdict(rule, label, stats, stats != null && rule.passes(stats.mean())));
        }
        return new CellResult(v.index(), label, v.plainValues(), ran, runDirs.size() > 1 ? aggregateDir : null,
                aggregate, failed, verdicts);
    }
}
