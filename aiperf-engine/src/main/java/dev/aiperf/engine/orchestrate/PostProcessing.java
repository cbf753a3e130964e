package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.recipe.PostProcessors;
import dev.aiperf.engine.stats.SweepAggregate;
import dev.aiperf.engine.sweep.PostProcess;
import dev.aiperf.engine.sweep.SweepConfig;

import java.nio.file.Path;

/** The sweep's post-processing hook (a recipe's file: knee, curve fit, Pareto export) over its aggregate. */
final class PostProcessing {

    private PostProcessing() {
    }

    /** Writes the hook's file into {@code dir}, if the sweep has a hook; a hook that cannot run is a notice. */
    static void run(SweepConfig sweep, SweepAggregate aggregate, Path dir, SweepListener listener) {
        PostProcess pp = sweep.common().postProcess();
        if (pp == null || aggregate == null || dir == null) {
            return;
        }
        try {
            Path file = PostProcessors.write(pp, aggregate, sweep.common().slaFilters(), dir);
            listener.message(pp.handler() + ": wrote " + file);
        } catch (ConfigException e) {
            listener.message(pp.handler() + ": " + e.getMessage());
        }
    }
}
