package dev.aiperf.cli;

import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.BenchmarkListener;
import dev.aiperf.engine.api.RunSettings;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.ProfileResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

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
    ProfileFlags flags = new ProfileFlags();

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue an interrupted benchmark in DIR (its artifact directory): only runs whose"
                    + " artifacts are missing or incomplete run again. Pass the same flags as the first time.")
    Path resume;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals(spec.name())) {
            args.remove(0);
        }
        List<String> command = new ArrayList<>(List.of("aiperf", "profile"));
        command.addAll(args);
        ProfileOptions options = flags.toOptions();
        String ui = options.ui() == null ? "simple" : options.ui().trim();
        // Progress bars only with the simple UI on a terminal; a pipe or CI log keeps the plain lines.
        try (TerminalProgress bars = ui.equalsIgnoreCase("simple") ? TerminalProgress.open() : null) {
            return run(options, resume, command, System.out, System.err,
                    bars == null ? BenchmarkListener.NONE : bars);
        }
    }

    /** The whole command and its exit code; bad input is printed to {@code err} and exits with 1. */
    public static int run(ProfileOptions options, Path resume, List<String> command, PrintStream out,
                          PrintStream err) {
        return run(options, resume, command, out, err, BenchmarkListener.NONE);
    }

    /** As above, with a listener (the terminal's progress bars). */
    static int run(ProfileOptions options, Path resume, List<String> command, PrintStream out, PrintStream err,
                   BenchmarkListener listener) {
        try {
            Benchmark benchmark = Benchmark.builder().options(options).resume(resume).build();
            ProfileResult result = benchmark.run(RunSettings.defaults().console(out).commandLine(command)
                    .stopOnInterrupt(true).listener(listener));
            return exitCode(result, err);
        } catch (ConfigException e) {
            err.println("aiperf profile: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    /**
     * The exit code of a finished profile (0 ok, 1 every run failed, 2 an SLA breach, 130 interrupted), with the
     * reason printed to {@code err}.
     */
    public static int exitCode(ProfileResult result, PrintStream err) {
        if (result.cancelled()) {
            return ExitCodes.INTERRUPTED;
        }
        if (result.cells().isEmpty() || result.allFailed()) {
            err.println("aiperf profile: every run failed; see failed_runs above and each run's run_status.json");
            return ExitCodes.BAD_INPUT;
        }
        if (!result.searchFeasible()) {
            err.println("aiperf profile: " + result.search().infeasibleMessage());
            return ExitCodes.GATE_FAILED;
        }
        if (!result.slaPassed()) {
            err.println("aiperf profile: " + result.slaBreaches().size() + " SLA breach(es)");
            return ExitCodes.GATE_FAILED;
        }
        return ExitCodes.OK;
    }
}
