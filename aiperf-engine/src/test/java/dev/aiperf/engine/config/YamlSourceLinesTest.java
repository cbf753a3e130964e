package dev.aiperf.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Lines of keys and list items, with the fallbacks errors rely on. */
class YamlSourceLinesTest {
    private static final String YAML = """
            benchmark:
              models:
                - a
                - b
              dataset:
                prompts: {isl: 5, osl: {mean: 3}}
              phases:
                - name: warmup
                  requests: 3
                -
                  name: profiling
                  rate: 2
            sweep:
              parameters:
                phases.profiling.rate: [1, 2]
            """;

    @Test
    void recordsKeysAndListItems() {
        SourceLines lines = YamlSourceLines.scan(YAML);
        assertThat(lines.lineOf("benchmark")).isEqualTo(1);
        assertThat(lines.lineOf("benchmark.models[1]")).isEqualTo(4);
        assertThat(lines.lineOf("benchmark.dataset.prompts.osl.mean")).isEqualTo(6);
        assertThat(lines.lineOf("benchmark.phases[0].requests")).isEqualTo(9);
        assertThat(lines.lineOf("benchmark.phases[1].rate")).isEqualTo(12);
        assertThat(lines.lineOf("sweep.parameters.phases.profiling.rate")).isEqualTo(15);
    }

    @Test
    void fallsBackToTheWrittenFormAndToParents() {
        SourceLines lines = YamlSourceLines.scan(YAML);
        assertThat(lines.lineOf("benchmark.datasets[0].prompts.isl")).isEqualTo(6);
        // A bare "-" line: the entry starts at its first key.
        assertThat(lines.lineOf("benchmark.phases[1].concurrency")).isEqualTo(11);
        assertThat(lines.lineOf("benchmark.endpoint.url")).isEqualTo(1);
        assertThat(lines.lineOf("nothing")).isZero();
        assertThat(YamlSourceLines.scan("a: [unclosed").lineOf("a")).isEqualTo(1);
    }
}
