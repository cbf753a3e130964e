package dev.aiperf.engine.cli;

import dev.aiperf.engine.config.ConfigException;
import dev.aiperf.engine.orchestrate.ProfileResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
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

    /**
     * The whole command: {@link ProfileJob#run} and its exit code; bad input is printed to {@code err} and exits
     * with 1.
     */
    public static int run(ProfileOptions options, Path resume, String cliCommand, PrintStream out, PrintStream err) {
        try {
            return exitCode(ProfileJob.run(options, resume, cliCommand, out), err);
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
