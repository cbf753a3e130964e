package dev.aiperf.engine.cli;

import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigException;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.plan.PlanPrinter;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.SweepParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code aiperf plan}: the expanded plan of a profile command without sending a request.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the expanded plan without sending a request: each variation's label, values, seed and"
                + " directory, the trial order, the total number of runs and an estimate of the time.",
                "Takes the same flags as 'profile'."})
public final class PlanCommand implements Callable<Integer> {

    @Mixin
    ProfileOptions options = new ProfileOptions();

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
            description = "text (default) or json (machine-readable).")
    String format;

    @Override
    public Integer call() {
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new ConfigException("--format", "expected text or json; got '" + format + "'");
            }
            AIPerfConfig config = ConfigLoader.resolve(options, System.getenv());
            SweepConfig sweep = config.sweepTree() == null ? null
                    : SweepParser.parse(config.sweepTree(), SourceLines.NONE);
            Plan plan = Plan.of(config, sweep, config.benchmark().artifacts().dir());
            System.out.print(format.equals("json") ? PlanPrinter.jsonText(plan) + "\n" : PlanPrinter.text(plan));
            return ExitCodes.OK;
        } catch (ConfigException e) {
            System.err.println("aiperf plan: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}
