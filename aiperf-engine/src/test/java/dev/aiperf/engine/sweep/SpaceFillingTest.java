package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aiperf.engine.config.AIPerfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Sobol and Latin-hypercube designs, the unit-to-value mapping, labels, seeds and sampling_design.json. */
class SpaceFillingTest {

    @Test
    void unscrambledSobolIsTheJoeKuoSequenceStartingAtZero() {
        double[][] p = SobolSampler.points(8, 3, false, 0);
        double[][] expected = {
                {0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75},
                {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375}};
        assertThat(p).isDeepEqualTo(expected);
    }

    @Test
    void scrambledSobolIsSeededAndKeepsTheNetBalance() {
        double[][] a = SobolSampler.points(16, 2, true, 7);
        assertThat(SobolSampler.points(16, 2, true, 7)).isDeepEqualTo(a);
        assertThat(SobolSampler.points(16, 2, true, 8)).isNotEqualTo(a);
        assertThat(a[0][0] == 0 && a[0][1] == 0).isFalse();
        for (int k = 0; k < 2; k++) {
            Set<Integer> strata = new HashSet<>();
            for (double[] row : a) {
                assertThat(row[k]).isBetween(0.0, 1.0);
                strata.add((int) Math.floor(row[k] * 16));
            }
            assertThat(strata).as("one point per 1/16 interval on axis %d", k).hasSize(16);
        }
        Set<Integer> boxes = new HashSet<>();
        for (double[] row : a) {
            boxes.add((int) Math.floor(row[0] * 4) * 4 + (int) Math.floor(row[1] * 4));
        }
        assertThat(boxes).as("one point per 1/4 x 1/4 box: a (0,4,2)-net").hasSize(16);
    }

    @Test
    void latinHypercubeHasOnePointPerStratumOnEveryAxis() {
        for (boolean optimise : new boolean[] {false, true}) {
            for (boolean scramble : new boolean[] {false, true}) {
                double[][] x = LatinHypercubeSampler.points(20, 4, scramble, optimise, 3);
                for (int k = 0; k < 4; k++) {
                    Set<Integer> strata = new HashSet<>();
                    for (double[] row : x) {
                        strata.add((int) Math.floor(row[k] * 20));
                        if (!scramble) {
                            assertThat(row[k] * 20 % 1).isCloseTo(0.5, within(1e-9));
                        }
                    }
                    assertThat(strata).hasSize(20);
                }
            }
        }
        assertThat(LatinHypercubeSampler.points(10, 2, true, true, 5))
                .isDeepEqualTo(LatinHypercubeSampler.points(10, 2, true, true, 5));
    }

    @Test
    void discrepancyOfRandomCdAndLloydAgainstPlainLatinHypercubes() {
        // Over 20 seeds of 32 points in 3-D. random-cd minimises the centered discrepancy and lowers it on every
        // seed (mean CD² 0.0037 → 0.0014). lloyd optimises something else: it moves points apart (SciPy: "converges
        // to equally spaced samples"), doubling the smallest pairwise L1 distance (0.14 → 0.29), and in doing so pulls
        // them off the faces of the cube, which the centered discrepancy penalises (mean CD² 0.0037 → 0.011).
        double plain = 0;
        double randomCd = 0;
        double lloyd = 0;
        double plainMinL1 = 0;
        double lloydMinL1 = 0;
        for (long seed = 1; seed <= 20; seed++) {
            double[][] p = LatinHypercubeSampler.points(32, 3, true, LatinHypercubeSampler.Optimization.NONE, seed);
            double[][] r = LatinHypercubeSampler.points(32, 3, true, LatinHypercubeSampler.Optimization.RANDOM_CD, seed);
            double[][] l = LatinHypercubeSampler.points(32, 3, true, LatinHypercubeSampler.Optimization.LLOYD, seed);
            double cdPlain = LatinHypercubeSampler.centeredDiscrepancy(p);
            assertThat(LatinHypercubeSampler.centeredDiscrepancy(r)).as("seed %s", seed).isLessThan(cdPlain);
            plain += cdPlain;
            randomCd += LatinHypercubeSampler.centeredDiscrepancy(r);
            lloyd += LatinHypercubeSampler.centeredDiscrepancy(l);
            plainMinL1 += LloydRelaxation.minL1(p);
            lloydMinL1 += LloydRelaxation.minL1(l);
            for (double[] row : l) {
                for (double v : row) {
                    assertThat(v).isBetween(0.0, 1.0);
                }
            }
        }
        assertThat(randomCd / 20).isCloseTo(0.00136, within(5e-5));
        assertThat(plain / 20).isCloseTo(0.00369, within(5e-5));
        assertThat(lloyd).isGreaterThan(plain);
        assertThat(lloydMinL1).isGreaterThan(1.5 * plainMinL1);
        assertThat(LatinHypercubeSampler.points(16, 2, true, LatinHypercubeSampler.Optimization.LLOYD, 5))
                .isDeepEqualTo(LatinHypercubeSampler.points(16, 2, true, LatinHypercubeSampler.Optimization.LLOYD, 5));
    }

    @Test
    void randomCdOptimisationLowersTheCenteredDiscrepancy() {
        double[][] plain = LatinHypercubeSampler.points(32, 3, true, false, 11);
        double[][] optimised = LatinHypercubeSampler.points(32, 3, true, true, 11);
        assertThat(LatinHypercubeSampler.centeredDiscrepancy(optimised))
                .isLessThan(LatinHypercubeSampler.centeredDiscrepancy(plain));
    }

    @Test
    void mappingOfChoicesIntLogAndRealLinear() {
        SamplingDimension intLog = new SamplingDimension("c", 1.0, 256.0, SamplingDimension.Scale.LOG,
                SamplingDimension.ValueKind.INT, null);
        assertThat(intLog.map(0.0).asLong()).isEqualTo(1);
        assertThat(intLog.map(0.5).asLong()).isEqualTo(16);
        assertThat(intLog.map(0.25).asLong()).isEqualTo(4);
        assertThat(intLog.map(0.9999999).asLong()).isEqualTo(256);
        assertThat(intLog.map(0.5).isIntegralNumber()).isTrue();

        SamplingDimension intLinear = new SamplingDimension("c", 0.0, 10.0, SamplingDimension.Scale.LINEAR,
                SamplingDimension.ValueKind.INT, null);
        assertThat(intLinear.map(0.25).asLong()).as("2.5 rounds half to even").isEqualTo(2);
        assertThat(intLinear.map(0.35).asLong()).as("3.5 rounds half to even").isEqualTo(4);
        SamplingDimension clamped = new SamplingDimension("c", 0.6, 3.4, SamplingDimension.Scale.LINEAR,
                SamplingDimension.ValueKind.INT, null);
        assertThat(clamped.map(0.0).asLong()).as("clamped to ceil(lo)").isEqualTo(1);
        assertThat(clamped.map(0.999).asLong()).as("clamped to floor(hi)").isEqualTo(3);

        SamplingDimension real = new SamplingDimension("isl", 128.0, 4096.0, SamplingDimension.Scale.LINEAR,
                SamplingDimension.ValueKind.REAL, null);
        assertThat(real.map(0.5).asDouble()).isEqualTo(2112.0);
        assertThat(real.map(0.5).isDouble()).isTrue();

        SamplingDimension choices = new SamplingDimension("m", null, null, SamplingDimension.Scale.LINEAR,
                SamplingDimension.ValueKind.REAL, List.of(TextNode.valueOf("a"), TextNode.valueOf("b"),
                TextNode.valueOf("c")));
        assertThat(choices.map(0.0).asText()).isEqualTo("a");
        assertThat(choices.map(0.34).asText()).isEqualTo("b");
        assertThat(choices.map(0.999).asText()).isEqualTo("c");
        assertThat(choices.map(1.0).asText()).isEqualTo("c");
    }

    private static final String BASE = """
            benchmark:
              dataset: {type: synthetic, prompts: {isl: 128}}
              phases: [{name: profiling, type: concurrency, requests: 10, concurrency: 1}]
            random_seed: 100
            """;

    @Test
    void sobolSweepLabelsSeedsAndOverrides() {
        AIPerfConfig cfg = TestEnvelope.yaml(BASE + """
                sweep:
                  type: sobol
                  samples: 8
                  seed: 3
                  same_seed: true
                  dimensions:
                    - {path: concurrency, lo: 1, hi: 64, scale: log, kind: int}
                    - {path: dataset.prompts.isl, lo: 128, hi: 1024}
                """);
        SweepConfig s = TestEnvelope.sweep(cfg);
        List<Variation> vs = SweepExpander.expand(cfg, s);
        assertThat(vs).extracting(Variation::label).containsExactly("sobol_0000", "sobol_0001", "sobol_0002",
                "sobol_0003", "sobol_0004", "sobol_0005", "sobol_0006", "sobol_0007");
        assertThat(vs).extracting(Variation::seed).as("space-filling ignores same_seed")
                .containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L);
        double[][] u = SobolSampler.points(8, 2, true, 3);
        for (int i = 0; i < 8; i++) {
            Variation v = vs.get(i);
            JsonNode phase = v.benchmarkTree().get("phases").get(0);
            long c = phase.get("concurrency").asLong();
            assertThat(c).isEqualTo(Math.round(Math.rint(Math.exp(u[i][0] * Math.log(64)))));
            assertThat(v.benchmarkTree().get("datasets").get(0).get("prompts").get("isl").asDouble())
                    .isCloseTo(128 + u[i][1] * (1024 - 128), within(1e-9));
            assertThat(v.values().keySet()).containsExactly("phases.profiling.concurrency",
                    "datasets.main.prompts.isl");
            assertThat(v.dirName()).startsWith("concurrency_" + c + "__isl_");
        }
        assertThat(vs.stream().map(Variation::dirName).distinct().count()).isEqualTo(8);
    }

    @Test
    void kvLabelsAndCollidingRoundedPointsGetDistinctDirectories() {
        AIPerfConfig cfg = TestEnvelope.yaml(BASE + """
                sweep:
                  type: latin_hypercube
                  samples: 6
                  label_format: kv
                  dimensions:
                    - {path: concurrency, choices: [1, 2]}
                """);
        List<Variation> vs = SweepExpander.expand(cfg, TestEnvelope.sweep(cfg));
        assertThat(vs).extracting(Variation::label).allMatch(l -> l.matches("phases\\.profiling\\.concurrency=[12]"));
        assertThat(vs.stream().filter(v -> v.label().endsWith("=1")).count()).isEqualTo(3);
        assertThat(vs.stream().map(Variation::dirName).distinct().count()).isEqualTo(6);
        assertThat(vs).extracting(Variation::dirName).contains("concurrency_1", "concurrency_2");
        assertThat(vs).extracting(Variation::dirName).anyMatch(d -> d.matches("concurrency_[12]__latin_hypercube_000\\d"));
    }

    @Test
    void samplingDesignRecordsTheVariationsActuallyRun(@TempDir Path dir) throws Exception {
        AIPerfConfig cfg = TestEnvelope.yaml(BASE + """
                sweep:
                  type: sobol
                  samples: 4
                  dimensions:
                    - {path: concurrency, lo: 1, hi: 16, kind: int}
                    - {path: variables.model, choices: [a, b]}
                """);
        SweepConfig s = TestEnvelope.sweep(cfg);
        List<Variation> vs = SweepExpander.expand(cfg, s);
        Path file = SamplingDesign.write(dir.resolve("sweep_aggregate"), cfg, s, vs);
        assertThat(file.getFileName().toString()).isEqualTo("sampling_design.json");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("type").asText()).isEqualTo("sobol");
        assertThat(json.get("samples").asInt()).isEqualTo(4);
        assertThat(json.get("seed").asLong()).as("envelope seed when the sweep has none").isEqualTo(100);
        assertThat(json.get("scramble").asBoolean()).isTrue();
        assertThat(json.get("dimensions").get(0).get("path").asText()).isEqualTo("phases.profiling.concurrency");
        assertThat(json.get("dimensions").get(0).get("kind").asText()).isEqualTo("int");
        assertThat(json.get("dimensions").get(1).get("choices").get(1).asText()).isEqualTo("b");
        assertThat(json.get("samples_mapped")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode row = json.get("samples_mapped").get(i);
            assertThat(row.get(0).asLong()).isEqualTo(vs.get(i).values().get("phases.profiling.concurrency").asLong());
            assertThat(row.get(1).asText()).isEqualTo(vs.get(i).variables().get("model").asText());
        }
    }
}
