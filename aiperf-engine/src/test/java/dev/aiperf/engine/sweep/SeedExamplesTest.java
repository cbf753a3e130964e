package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.AIPerfConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every YAML example of the sweep document expands as the document says (counts, order, overrides, labels, dirs). */
class SeedExamplesTest {

    private static List<Variation> expand(String resource) {
        AIPerfConfig cfg = TestEnvelope.resource("/seed/" + resource);
        return SweepExpander.expand(cfg, TestEnvelope.sweep(cfg));
    }

    private static JsonNode profiling(Variation v) {
        for (JsonNode p : v.benchmarkTree().get("phases")) {
            if (p.get("name").asText().equals("profiling")) {
                return p;
            }
        }
        throw new AssertionError("no profiling phase");
    }

    private static JsonNode prompts(Variation v) {
        return v.benchmarkTree().get("datasets").get(0).get("prompts");
    }

    @Test
    void gridSaturationIsTwelveCellsConcurrencyOuterRateInner() {
        List<Variation> vs = expand("seed-01-saturation-grid.yaml");
        assertThat(vs).hasSize(12);
        assertThat(vs.get(0).label()).isEqualTo("phases.profiling.concurrency=8, phases.profiling.rate=10");
        assertThat(vs.get(1).label()).isEqualTo("phases.profiling.concurrency=8, phases.profiling.rate=50");
        assertThat(vs.get(11).label()).isEqualTo("phases.profiling.concurrency=128, phases.profiling.rate=100");
        assertThat(vs).extracting(Variation::dirName).startsWith("concurrency_8__rate_10", "concurrency_8__rate_50",
                "concurrency_8__rate_100", "concurrency_32__rate_10");
        Variation v = vs.get(4); // concurrency 32, rate 50
        assertThat(profiling(v).get("concurrency").asInt()).isEqualTo(32);
        assertThat(profiling(v).get("rate").asInt()).isEqualTo(50);
        // untouched fields inherited, the base itself unchanged
        assertThat(profiling(v).get("duration").asInt()).isEqualTo(120);
        assertThat(profiling(v).get("type").asText()).isEqualTo("poisson");
        AIPerfConfig cfg = TestEnvelope.resource("/seed/seed-01-saturation-grid.yaml");
        SweepExpander.expand(cfg, TestEnvelope.sweep(cfg));
        assertThat(cfg.benchmarkTree().get("phases").get(0).get("concurrency").asInt()).isEqualTo(8);
        assertThat(vs).extracting(Variation::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(vs).allMatch(x -> x.seed() == null, "no random_seed and no multi-run: no seed");
    }

    @Test
    void aliasesExpandExactlyLikeTheCanonicalPaths() {
        List<Variation> sugar = expand("seed-02-aliases.yaml");
        List<Variation> canonical = expand("seed-01-saturation-grid.yaml");
        assertThat(sugar).extracting(Variation::label).isEqualTo(canonical.stream().map(Variation::label).toList());
        assertThat(sugar).extracting(Variation::dirName)
                .isEqualTo(canonical.stream().map(Variation::dirName).toList());
        for (int i = 0; i < sugar.size(); i++) {
            assertThat(sugar.get(i).benchmarkTree()).isEqualTo(canonical.get(i).benchmarkTree());
            assertThat(sugar.get(i).values().keySet())
                    .containsExactly("phases.profiling.concurrency", "phases.profiling.rate");
        }
    }

    @Test
    void zipPairsIslAndOslIntoThreeCells() {
        List<Variation> vs = expand("seed-04-zip-isl-osl.yaml");
        assertThat(vs).hasSize(3);
        assertThat(vs).extracting(Variation::dirName)
                .containsExactly("isl_128__osl_128", "isl_512__osl_256", "isl_2048__osl_512");
        assertThat(prompts(vs.get(1)).get("isl").asInt()).isEqualTo(512);
        assertThat(prompts(vs.get(1)).get("osl").asInt()).isEqualTo(256);
        assertThat(vs.get(2).values().keySet())
                .containsExactly("datasets.main.prompts.isl", "datasets.main.prompts.osl");
        assertThat(vs.get(0).benchmarkTree().has("dataset")).isFalse();
        assertThat(vs.get(0).benchmarkTree().get("datasets").get(0).get("entries").asInt()).isEqualTo(2000);
    }

    @Test
    void scenariosDeepMergeNamedPhasesAndReplaceOverriddenLeaves() {
        List<Variation> vs = expand("seed-05-scenarios-workloads.yaml");
        assertThat(vs).extracting(Variation::label).containsExactly("short_chatbot", "summarization",
                "long_context_qa");
        assertThat(vs).extracting(Variation::dirName).containsExactly("short_chatbot", "summarization",
                "long_context_qa");
        Variation chat = vs.get(0);
        JsonNode p = profiling(chat);
        assertThat(p.get("rate").asInt()).isEqualTo(100);
        assertThat(p.get("concurrency").asInt()).isEqualTo(32);
        assertThat(p.get("type").asText()).isEqualTo("poisson");
        assertThat(p.get("duration").asInt()).isEqualTo(120);
        assertThat(p.get("grace_period").asInt()).isEqualTo(30);
        assertThat(chat.benchmarkTree().get("phases")).hasSize(1);
        ObjectNode ds = (ObjectNode) chat.benchmarkTree().get("datasets").get(0);
        assertThat(ds.get("name").asText()).isEqualTo("main");
        assertThat(ds.get("type").asText()).isEqualTo("synthetic");
        assertThat(ds.get("entries").asInt()).isEqualTo(2000);
        assertThat(ds.get("prompts").get("isl").get("mean").asInt()).isEqualTo(64);
        assertThat(ds.get("prompts").get("osl").get("stddev").asInt()).isEqualTo(8);
        assertThat(profiling(vs.get(1)).get("concurrency").asInt()).isEqualTo(16);
        assertThat(profiling(vs.get(2)).get("rate").asInt()).isEqualTo(5);
    }

    @Test
    void islGridSetsAFixedValueInPlaceOfTheScalar() {
        List<Variation> vs = expand("seed-06-isl-grid.yaml");
        assertThat(vs).extracting(Variation::dirName).containsExactly("isl_128", "isl_512", "isl_2048");
        assertThat(vs).extracting(v -> prompts(v).get("isl").asInt()).containsExactly(128, 512, 2048);
        assertThat(prompts(vs.get(0)).get("osl").get("mean").asInt()).isEqualTo(128);
    }

    @Test
    void distributionScenariosReplaceTheWholeDistribution() {
        List<Variation> vs = expand("seed-07-scenarios-distribution-types.yaml");
        assertThat(vs).extracting(Variation::label).containsExactly("fixed_512", "normal_512_wide",
                "normal_512_narrow");
        assertThat(prompts(vs.get(0)).get("isl").asInt()).isEqualTo(512);
        assertThat(prompts(vs.get(1)).get("isl").get("stddev").asInt()).isEqualTo(100);
        assertThat(prompts(vs.get(2)).get("isl").get("stddev").asInt()).isEqualTo(20);
        assertThat(prompts(vs.get(2)).get("osl").get("mean").asInt()).isEqualTo(128);
    }

    @Test
    void pairedScenariosMergeIntoTheSingleUnnamedDataset() {
        List<Variation> vs = expand("seed-08-scenarios-isl-osl-pairs.yaml");
        assertThat(vs).extracting(Variation::dirName).containsExactly("short", "medium", "long");
        assertThat(prompts(vs.get(2)).get("isl").asInt()).isEqualTo(512);
        assertThat(prompts(vs.get(2)).get("osl").asInt()).isEqualTo(1024);
        assertThat(vs.get(2).benchmarkTree().get("datasets")).hasSize(1);
        assertThat(vs.get(2).benchmarkTree().get("datasets").get(0).get("entries").asInt()).isEqualTo(2000);
    }

    @Test
    void sweepWithMultiRunSeedsFollowTheVariationIndex() {
        List<Variation> vs = expand("seed-10-sweep-multi-run.yaml");
        assertThat(vs).extracting(Variation::dirName).containsExactly("concurrency_16", "concurrency_64",
                "concurrency_128");
        assertThat(vs).extracting(Variation::seed).containsExactly(42L, 43L, 44L);
        assertThat(vs.get(1).plainValues()).containsExactly(java.util.Map.entry("phases.profiling.concurrency", 64));
        // the warmup phase keeps its own concurrency; only the profiling phase is swept
        assertThat(vs.get(2).benchmarkTree().get("phases").get(0).get("concurrency").asInt()).isEqualTo(8);
        assertThat(profiling(vs.get(2)).get("concurrency").asInt()).isEqualTo(128);
    }

    @Test
    void sameSeedGivesEveryVariationTheEnvelopeSeed() {
        List<Variation> vs = expand("seed-11-same-seed.yaml");
        assertThat(vs).hasSize(4).extracting(Variation::seed).containsOnly(42L);
    }

    @Test
    void multiRunWithoutSeedUsesTheConsistentSeed42PlusIndex() {
        List<Variation> vs = expand("seed-13-env-ci.yaml");
        assertThat(vs).extracting(Variation::seed).containsExactly(42L, 43L, 44L, 45L);
        assertThat(vs).extracting(Variation::dirName).containsExactly("concurrency_16", "concurrency_32",
                "concurrency_64", "concurrency_128");
    }
}
