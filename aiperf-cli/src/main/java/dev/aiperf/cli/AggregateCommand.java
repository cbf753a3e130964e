package dev.aiperf.cli;

import dev.aiperf.engine.api.AIPerf;
import dev.aiperf.engine.api.model.AggregateReport;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aiperf aggregate DIR}: recomputes every per-cell and sweep aggregate of an artifacts directory from
 * its run directories, offline. Exit 0 when aggregates were written, 1 on bad input or nothing to aggregate.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "Recompute the confidence aggregates (per cell) and the sweep aggregate of an artifacts"
                + " directory from its run directories, offline. Runs copied in from other days join their cell.")
public final class AggregateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Artifacts directory of a benchmark (holds"
            + " profile_runs/ or the cell directories).")
    Path dir;

    @Option(names = "--confidence-level", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Confidence level of the Student-t intervals, in (0, 1). Default: ${DEFAULT-VALUE}.")
    double confidenceLevel;

    @Option(names = "--sla", paramLabel = "METRIC:STAT:OP:THRESHOLD",
            description = "SLA filter for the sweep aggregate's feasibility, e.g. time_to_first_token:p99:lt:200."
                    + " Repeatable.")
    List<String> sla = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<SlaRule> rules = sla.stream().map(SlaRule::parse).toList();
            AggregateReport report = AIPerf.aggregate(dir, confidenceLevel, rules);
            out.print(report.tables());
            report.warnings().forEach(w -> err.println("warning: " + w));
            report.written().forEach(p -> out.println("wrote " + p));
            out.flush();
            err.flush();
            if (!report.ok()) {
                err.println("error: nothing to aggregate in " + dir);
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            return ExitCodes.OK;
        } catch (ConfigException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }
}
