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
            if (sweep instanceof dev.aiperf.engine.sweep.AdaptiveSearchSweep adaptive) {
                System.out.print(adaptivePlan(config, adaptive));
                return ExitCodes.OK;
            }
            Plan plan = Plan.of(config, sweep, config.benchmark().artifacts().dir());
            System.out.print(format.equals("json") ? PlanPrinter.jsonText(plan) + "\n" : PlanPrinter.text(plan));
            return ExitCodes.OK;
        } catch (ConfigException e) {
            System.err.println("aiperf plan: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    /** An adaptive search cannot be expanded in advance; this says what it will do and where its runs go. */
    static String adaptivePlan(AIPerfConfig config, dev.aiperf.engine.sweep.AdaptiveSearchSweep s) {
        dev.aiperf.engine.orchestrate.SearchSession.planner(s, 0L); // validates the planner against the space
        int trials = config.multiRun().numRuns();
        StringBuilder sb = new StringBuilder();
        sb.append("adaptive_search").append(s.common().recipeName() == null ? "" : " (recipe "
                + s.common().recipeName() + ")").append(": planner ").append(s.planner()).append('\n');
        s.searchSpace().forEach(d -> sb.append("  search ").append(d.path()).append(" in [").append(d.lo())
                .append(", ").append(d.hi()).append("] ").append(d.kind().name().toLowerCase(java.util.Locale.ROOT))
                .append(' ').append(d.prior().yamlName()).append('\n'));
        s.objectives().forEach(o -> sb.append("  objective ").append(o.direction().name().toLowerCase(
                java.util.Locale.ROOT)).append(' ').append(o.metric()).append(' ').append(o.stat()).append('\n'));
        s.common().slaFilters().forEach(r -> sb.append("  sla filter ").append(r.spec()).append('\n'));
        sb.append("  at most ").append(s.maxIterations()).append(" iteration(s) x ").append(trials)
                .append(" trial(s) = ").append(s.maxIterations() * trials).append(" runs, into ")
                .append(config.benchmark().artifacts().dir().resolve("search_iter_NNNN/profile_runs/run_NNNN"))
                .append('\n');
        return sb.toString();
    }
}
