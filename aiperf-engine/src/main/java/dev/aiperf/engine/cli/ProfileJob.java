package dev.aiperf.engine.cli;

import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.BenchmarkBinder;
import dev.aiperf.engine.config.ConfigException;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.orchestrate.BenchmarkSession;
import dev.aiperf.engine.orchestrate.CancellationHook;
import dev.aiperf.engine.orchestrate.ProfileResult;
import dev.aiperf.engine.orchestrate.SearchResult;
import dev.aiperf.engine.orchestrate.SearchSession;
import dev.aiperf.engine.orchestrate.SearchSummary;
import dev.aiperf.engine.orchestrate.SessionOptions;
import dev.aiperf.engine.orchestrate.SweepListener;
import dev.aiperf.engine.report.SimpleConsoleUi;
import dev.aiperf.engine.run.BenchmarkRun;
import dev.aiperf.engine.run.HarnessWarmup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The job behind {@code aiperf profile} and the Maven plugin's {@code aiperf:profile}: resolve the config from the
 * flags (and their {@code --config} YAML), run every cell and trial, and hand back the {@link ProfileResult} so
 * each front-end reports it its own way ({@link ProfileCommand#exitCode} for the CLI, a build failure naming each
 * breached rule for Maven). Ctrl-C stops the run in flight cleanly and still writes the aggregates.
 */
public final class ProfileJob {

    private ProfileJob() {
    }

    /**
     * Runs the benchmark the options describe.
     *
     * @param options    the parsed {@code aiperf profile} flags
     * @param resume     the artifact directory of an interrupted benchmark to continue, or {@code null}
     * @param cliCommand the command line recorded in {@code run_info}, or {@code null}
     * @param out        where progress and summaries go ({@code --ui none}: only notices)
     * @return the outcome of every cell, with its SLA verdicts
     * @throws ConfigException on bad input (flags, YAML, SLA rules), before any request is sent
     */
    public static ProfileResult run(ProfileOptions options, Path resume, String cliCommand, PrintStream out) {
        AtomicBoolean cancel = new AtomicBoolean();
        AIPerfConfig config = ConfigLoader.resolve(options, System.getenv());
        if (resume != null) {
            config = withArtifactDir(config, resume);
        }
        SweepListener ui = "none".equals(options.ui()) ? SimpleConsoleUi.quiet(out) : SimpleConsoleUi.simple(out);
        boolean single = config.sweepTree() == null && config.multiRun().numRuns() == 1;
        SessionOptions so = new SessionOptions(options.slaRules(), ui, null, resume != null, cliCommand, cancel);
        HarnessWarmup harnessWarmup = options.harnessWarmup();
        if (SearchSession.isAdaptive(config)) {
            try (CancellationHook hook = CancellationHook.install(cancel);
                 SearchSession session = SearchSession.open(config, so, new BenchmarkRun(null, harnessWarmup))) {
                SearchResult search = session.run();
                return search.profile().withSearch(new SearchSummary(search.historyPath(), search.feasibleFound(),
                        search.convergenceReason()));
            }
        }
        try (CancellationHook hook = CancellationHook.install(cancel);
             BenchmarkSession session = BenchmarkSession.open(config, so,
                     new BenchmarkRun(single && !"none".equals(options.ui()) ? out : null, harnessWarmup))) {
            return session.runAll();
        }
    }

    private static AIPerfConfig withArtifactDir(AIPerfConfig config, Path dir) {
        var tree = config.benchmarkTree().deepCopy();
        tree.with("artifacts").put("dir", dir.toString());
        var bound = BenchmarkBinder.bind(tree, SourceLines.NONE, "benchmark");
        return new AIPerfConfig(tree, bound, config.sweepTree(), config.multiRun(), config.randomSeed(),
                config.variables());
    }
}
