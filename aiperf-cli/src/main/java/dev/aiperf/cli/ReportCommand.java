package dev.aiperf.cli;

import dev.aiperf.engine.api.AIPerf;
import dev.aiperf.engine.api.model.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code aiperf report DIR}: writes {@code DIR/report.html} from the artifacts alone. Exit 0 when written, 1 when
 * the directory is missing or holds no results.
 */
@Command(name = "report", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 1,
        description = {"Write report.html into an artifacts directory: one self-contained page (charts inlined, opens"
                + " offline) with throughput vs latency, the Pareto frontier, search trajectories, per-cell"
                + " distributions, a request timeline, SLA verdicts, configuration and environment.",
                "Built from the files alone, so it works on copied or resumed directories. profile and aggregate"
                        + " write it too.",
                "Exit codes: 0 written; 1 bad input (no such directory, or no results in it)."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Artifacts directory of a benchmark (the one"
            + " printed after 'artifacts:').")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path file = AIPerf.report(dir);
            out.println("wrote " + file);
            out.flush();
            return ExitCodes.OK;
        } catch (ConfigException | UncheckedIOException e) {
            err.println("aiperf report: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }
}
