package dev.aiperf.engine.plan;

import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.sweep.TestEnvelope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every seed YAML example plans the number of runs the document states, each in its own directory. */
class SeedPlansTest {

    @ParameterizedTest(name = "{0}: {1} variations x {2} trials")
    @CsvSource({
            "seed-01-saturation-grid.yaml, 12, 1",
            "seed-02-aliases.yaml, 12, 1",
            "seed-04-zip-isl-osl.yaml, 3, 1",
            "seed-05-scenarios-workloads.yaml, 3, 1",
            "seed-06-isl-grid.yaml, 3, 1",
            "seed-07-scenarios-distribution-types.yaml, 3, 1",
            "seed-08-scenarios-isl-osl-pairs.yaml, 3, 1",
            "seed-09-multi-run.yaml, 1, 5",
            "seed-10-sweep-multi-run.yaml, 3, 3",
            "seed-11-same-seed.yaml, 4, 1",
            "seed-12-cooldowns.yaml, 4, 5",
            "seed-13-env-ci.yaml, 4, 3"})
    void plansAsTheDocumentSays(String file, int variations, int trials) {
        AIPerfConfig cfg = TestEnvelope.resource("/seed/" + file);
        Plan plan = Plan.of(cfg, TestEnvelope.sweep(cfg), Path.of("base"));
        assertThat(plan.variations()).hasSize(variations);
        assertThat(plan.trials()).isEqualTo(trials);
        assertThat(plan.runs()).hasSize(variations * trials);
        Set<Path> dirs = new HashSet<>();
        plan.runs().forEach(r -> dirs.add(r.runDir()));
        assertThat(dirs).as("every run has its own directory").hasSize(variations * trials);
        assertThat(plan.runs()).allMatch(r -> r.estimatedSeconds() > 0);
        assertThat(PlanPrinter.text(plan)).contains("Total runs: " + variations * trials);
    }
}
