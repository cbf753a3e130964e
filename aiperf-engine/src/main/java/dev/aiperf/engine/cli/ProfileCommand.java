package dev.aiperf.engine.cli;

import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigException;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.orchestrate.BenchmarkSession;
import dev.aiperf.engine.orchestrate.CancellationHook;
import dev.aiperf.engine.orchestrate.ProfileResult;
import dev.aiperf.engine.orchestrate.SessionOptions;
import dev.aiperf.engine.orchestrate.SweepListener;
import dev.aiperf.engine.report.SimpleConsoleUi;
import dev.aiperf.engine.run.BenchmarkRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code aiperf profile}: one benchmark, a sweep, a multi-run, or all of them together. Exit codes: 0 ok,
 * 1 bad input or every run failed, 2 an SLA gate failed, 130 interrupted.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Run a benchmark: a single run, a sweep (comma lists or a YAML sweep: block), multi-run"
                + " confidence statistics (--num-profile-runs), or all together.",
                "Without --url (and no URL in --config) it runs against the embedded mock server."})
public final class ProfileCommand implements Callable<Integer> {

    @Mixin
    ProfileOptions options = new ProfileOptions();

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue an interrupted benchmark in DIR (its artifact directory): only runs whose"
                    + " artifacts are missing or incomplete run again. Pass the same flags as the first time.")
    Path resume;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        if (!args.isEmpty() && args.get(0).equals(spec.name())) {
            args = args.subList(1, args.size());
        }
        return run(options, resume, "aiperf profile " + String.join(" ", redactKey(args)), System.out, System.err);
    }

    /** The whole job, shared with the Maven plugin's {@code aiperf:profile}. */
    public static int run(ProfileOptions options, Path resume, String cliCommand, PrintStream out, PrintStream err) {
        AtomicBoolean cancel = new AtomicBoolean();
        try {
            AIPerfConfig config = ConfigLoader.resolve(options, System.getenv());
            if (resume != null) {
                config = withArtifactDir(config, resume);
            }
            SweepListener ui = "none".equals(options.ui()) ? SimpleConsoleUi.quiet(out) : SimpleConsoleUi.simple(out);
            boolean single = config.sweepTree() == null && config.multiRun().numRuns() == 1;
            SessionOptions so = new SessionOptions(options.slaRules(), ui, null, resume != null, cliCommand, cancel);
            ProfileResult result;
            if (dev.aiperf.engine.orchestrate.SearchSession.isAdaptive(config)) {
                dev.aiperf.engine.orchestrate.SearchResult search;
                try (CancellationHook hook = CancellationHook.install(cancel);
                     dev.aiperf.engine.orchestrate.SearchSession session =
                             dev.aiperf.engine.orchestrate.SearchSession.open(config, so, new BenchmarkRun(null))) {
                    search = session.run();
                }
                return searchExitCode(search, err);
            }
            try (CancellationHook hook = CancellationHook.install(cancel);
                 BenchmarkSession session = BenchmarkSession.open(config, so,
                         new BenchmarkRun(single && !"none".equals(options.ui()) ? out : null))) {
                result = session.runAll();
            }
            return exitCode(result, err);
        } catch (ConfigException e) {
            err.println("aiperf profile: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    /** The command line as recorded in run_info, without the API key. */
    static List<String> redactKey(List<String> args) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--api-key") && i + 1 < args.size()) {
                out.add(a);
                out.add("<redacted>");
                i++;
            } else if (a.startsWith("--api-key=")) {
                out.add("--api-key=<redacted>");
            } else {
                out.add(a);
            }
        }
        return out;
    }

    static int exitCode(ProfileResult result, PrintStream err) {
        if (result.cancelled()) {
            return ExitCodes.INTERRUPTED;
        }
        if (result.cells().isEmpty() || result.allFailed()) {
            err.println("aiperf profile: every run failed; see failed_runs above and each run's run_status.json");
            return ExitCodes.BAD_INPUT;
        }
        if (!result.slaPassed()) {
            err.println("aiperf profile: " + result.slaBreaches().size() + " SLA breach(es)");
            return ExitCodes.GATE_FAILED;
        }
        return ExitCodes.OK;
    }

    /**
     * Exit code of an adaptive search: probes that break the SLA are how a search finds its boundary, so only
     * "no iteration met the SLA filters" fails the gate (plus any {@code --sla} rule on the iterations).
     */
    static int searchExitCode(dev.aiperf.engine.orchestrate.SearchResult search, PrintStream err) {
        ProfileResult result = search.profile();
        if (result.cancelled()) {
            return ExitCodes.INTERRUPTED;
        }
        if (result.cells().isEmpty() || result.allFailed()) {
            err.println("aiperf profile: every run failed; see failed_runs above and each run's run_status.json");
            return ExitCodes.BAD_INPUT;
        }
        if (!search.feasibleFound()) {
            err.println("aiperf profile: no configuration tried met the SLA filters (see boundary_summary in "
                    + search.historyPath() + ")");
            return ExitCodes.GATE_FAILED;
        }
        if (!result.slaPassed()) {
            err.println("aiperf profile: " + result.slaBreaches().size() + " SLA breach(es)");
            return ExitCodes.GATE_FAILED;
        }
        return ExitCodes.OK;
    }

    private static AIPerfConfig withArtifactDir(AIPerfConfig config, Path dir) {
        var tree = config.benchmarkTree().deepCopy();
        tree.with("artifacts").put("dir", dir.toString());
        var bound = dev.aiperf.engine.config.BenchmarkBinder.bind(tree, dev.aiperf.engine.config.SourceLines.NONE,
                "benchmark");
        return new AIPerfConfig(tree, bound, config.sweepTree(), config.multiRun(), config.randomSeed(),
                config.variables());
    }
}
