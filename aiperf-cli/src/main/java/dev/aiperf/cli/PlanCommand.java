package dev.aiperf.cli;

import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.model.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code aiperf plan}: the expanded plan of a profile command without sending a request. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the expanded plan without sending a request: each variation's label, values, seed and"
                + " directory, the trial order, the total number of runs and an estimate of the time.",
                "Takes the same flags as 'profile'."})
public final class PlanCommand implements Callable<Integer> {

    @Mixin
    ProfileFlags flags = new ProfileFlags();

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
            description = "text (default) or json (machine-readable).")
    String format;

    @Override
    public Integer call() {
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new ConfigException("--format", "expected text or json; got '" + format + "'");
            }
            System.out.print(Benchmark.of(flags.toOptions()).describePlan(format.equals("json")));
            return ExitCodes.OK;
        } catch (ConfigException e) {
            System.err.println("aiperf plan: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}
