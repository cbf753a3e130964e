package dev.aiperf.engine.recipe;

import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.SourceLines;
import dev.aiperf.engine.orchestrate.SearchSetup;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.search.SearchPlanner;
import dev.aiperf.engine.sweep.AdaptiveSearchSweep;
import dev.aiperf.engine.sweep.SweepConfig;
import dev.aiperf.engine.sweep.SweepParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every YAML sample under samples/src/test/resources/search loads, parses and plans (or builds its planner). */
class SearchSamplesTest {

    private static final Path DIR = Path.of("..", "samples", "src", "test", "resources", "search");

    @TestFactory
    Stream<DynamicTest> everySampleLoadsAndPlans() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            AIPerfConfig cfg = ConfigLoader.load(f, Map.of());
            SweepConfig sweep = SweepParser.parse(cfg.sweepTree(), SourceLines.NONE);
            if (sweep instanceof AdaptiveSearchSweep a) {
                SearchPlanner planner = SearchSetup.planner(a, 1L);
                Map<String, Double> first = planner.ask();
                assertThat(first).containsOnlyKeys(SearchSetup.space(a).dimensions().stream()
                        .map(dev.aiperf.engine.search.Dimension::path).toList());
            } else {
                Plan plan = Plan.of(cfg, sweep, Path.of("artifacts"));
                assertThat(plan.runs()).isNotEmpty();
                if (sweep.common().postProcess() != null) {
                    assertThat(PostProcessors.defaultFile(sweep.common().postProcess().handler()))
                            .isEqualTo(sweep.common().postProcess().outputFilename());
                }
            }
        }));
    }
}
