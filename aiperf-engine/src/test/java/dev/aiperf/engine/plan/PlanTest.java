package dev.aiperf.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.sweep.TestEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanTest {
    private static final Path BASE = Path.of("out");

    private static String grid3x2(String order, int trials) {
        return """
                benchmark:
                  dataset: {type: synthetic}
                  phases:
                    - {name: warmup, type: concurrency, requests: 10, concurrency: 2, exclude_from_results: true}
                    - {name: profiling, type: concurrency, requests: 20, concurrency: 1}
                sweep:
                  iteration_order: %s
                  cooldown_seconds: 3
                  parameters: {concurrency: [1, 2, 4], dataset.prompts.isl: [64, 128]}
                multi_run: {num_runs: %d, cooldown_seconds: 7}
                """.formatted(order, trials);
    }

    private static Plan plan(String yaml) {
        AIPerfConfig cfg = TestEnvelope.yaml(yaml);
        return Plan.of(cfg, TestEnvelope.sweep(cfg), BASE);
    }

    private static List<String> dirs(Plan p) {
        return p.runs().stream().map(r -> r.runDir().toString().replace('\\', '/')).toList();
    }

    private static String s(Path p) {
        return p == null ? null : p.toString().replace('\\', '/');
    }

    @Test
    void noSweepOneTrialRunsInTheBaseDirectory() {
        Plan p = plan("benchmark: {phases: [{name: profiling, requests: 10, concurrency: 2}]}");
        assertThat(p.runs()).hasSize(1);
        PlannedRun r = p.runs().get(0);
        assertThat(s(r.runDir())).isEqualTo("out");
        assertThat(r.runLabel()).isEqualTo("run_0001");
        assertThat(r.cellAggregateDir()).isNull();
        assertThat(r.sweepAggregateDir()).isNull();
        assertThat(r.cooldownKind()).isEqualTo(CooldownKind.NONE);
        assertThat(r.seed()).isNull();
        assertThat(r.estimatedSeconds()).isEqualTo(5.0);
    }

    @Test
    void noSweepSeveralTrialsUseRunDirectoriesAndOneAggregate() {
        AIPerfConfig cfg = TestEnvelope.resource("/seed/seed-09-multi-run.yaml");
        Plan p = Plan.of(cfg, null, BASE);
        assertThat(dirs(p)).containsExactly("out/profile_runs/run_0001", "out/profile_runs/run_0002",
                "out/profile_runs/run_0003", "out/profile_runs/run_0004", "out/profile_runs/run_0005");
        assertThat(p.runs()).extracting(r -> s(r.cellAggregateDir())).containsOnly("out/aggregate");
        assertThat(p.runs()).extracting(PlannedRun::seed).containsOnly(42L);
        assertThat(p.runs()).extracting(PlannedRun::cooldownBeforeSeconds).containsExactly(0.0, 10.0, 10.0, 10.0,
                10.0);
        assertThat(p.runs()).extracting(PlannedRun::skipWarmup).containsExactly(false, true, true, true, true);
    }

    @Test
    void sweepWithOneTrialRepeatedAndIndependent() {
        Plan rep = plan(grid3x2("repeated", 1));
        // keys sorted: datasets.main.prompts.isl before phases.profiling.concurrency, so isl varies slowest
        assertThat(dirs(rep)).containsExactly("out/isl_64__concurrency_1", "out/isl_64__concurrency_2",
                "out/isl_64__concurrency_4", "out/isl_128__concurrency_1", "out/isl_128__concurrency_2",
                "out/isl_128__concurrency_4");
        assertThat(rep.runs()).extracting(PlannedRun::runLabel).containsOnly("trial_0001");
        assertThat(s(rep.runs().get(2).cellAggregateDir())).isEqualTo("out/aggregate/isl_64__concurrency_4");
        assertThat(s(rep.runs().get(0).sweepAggregateDir())).isEqualTo("out/sweep_aggregate");
        Plan ind = plan(grid3x2("independent", 1));
        assertThat(dirs(ind)).isEqualTo(dirs(rep));
        // One trial per cell: the same runs in either order, so the same files, where the aggregation finds them.
        assertThat(s(ind.runs().get(2).cellAggregateDir())).isEqualTo("out/aggregate/isl_64__concurrency_4");
        assertThat(s(ind.runs().get(0).sweepAggregateDir())).isEqualTo("out/sweep_aggregate");
        // only variation cooldowns, and only between runs
        assertThat(rep.runs()).extracting(PlannedRun::cooldownBeforeSeconds).containsExactly(0.0, 3.0, 3.0, 3.0,
                3.0, 3.0);
    }

    @Test
    void repeatedOrderInterleavesTrialsAcrossCells() {
        Plan p = plan(grid3x2("repeated", 2));
        assertThat(p.runs()).hasSize(12);
        assertThat(p.runs()).extracting(r -> r.variation().index() + "/" + r.trial()).containsExactly(
                "0/0", "1/0", "2/0", "3/0", "4/0", "5/0", "0/1", "1/1", "2/1", "3/1", "4/1", "5/1");
        assertThat(dirs(p).get(0)).isEqualTo("out/profile_runs/trial_0001/isl_64__concurrency_1");
        assertThat(dirs(p).get(7)).isEqualTo("out/profile_runs/trial_0002/isl_64__concurrency_2");
        assertThat(s(p.runs().get(7).cellAggregateDir())).isEqualTo("out/aggregate/isl_64__concurrency_2");
        assertThat(s(p.runs().get(7).sweepAggregateDir())).isEqualTo("out/aggregate/sweep_aggregate");
        // sweep cooldown inside a pass, trial cooldown between passes
        assertThat(p.runs()).extracting(PlannedRun::cooldownKind).containsExactly(CooldownKind.NONE,
                CooldownKind.VARIATION, CooldownKind.VARIATION, CooldownKind.VARIATION, CooldownKind.VARIATION,
                CooldownKind.VARIATION, CooldownKind.TRIAL, CooldownKind.VARIATION, CooldownKind.VARIATION,
                CooldownKind.VARIATION, CooldownKind.VARIATION, CooldownKind.VARIATION);
        assertThat(p.runs().get(6).cooldownBeforeSeconds()).isEqualTo(7.0);
        assertThat(p.runs().get(1).cooldownBeforeSeconds()).isEqualTo(3.0);
        assertThat(p.runs()).extracting(PlannedRun::skipWarmup).containsExactly(false, false, false, false, false,
                false, true, true, true, true, true, true);
    }

    @Test
    void independentOrderRunsAllTrialsOfACellFirst() {
        Plan p = plan(grid3x2("independent", 2));
        assertThat(p.runs()).extracting(r -> r.variation().index() + "/" + r.trial()).containsExactly(
                "0/0", "0/1", "1/0", "1/1", "2/0", "2/1", "3/0", "3/1", "4/0", "4/1", "5/0", "5/1");
        assertThat(dirs(p).get(3)).isEqualTo("out/isl_64__concurrency_2/profile_runs/trial_0002");
        assertThat(s(p.runs().get(3).cellAggregateDir())).isEqualTo("out/isl_64__concurrency_2/aggregate");
        assertThat(s(p.runs().get(3).sweepAggregateDir())).isEqualTo("out/sweep_aggregate");
        assertThat(p.runs()).extracting(PlannedRun::cooldownBeforeSeconds).containsExactly(0.0, 7.0, 3.0, 7.0, 3.0,
                7.0, 3.0, 7.0, 3.0, 7.0, 3.0, 7.0);
    }

    @Test
    void seedExampleSweepWithMultiRunHasTheDocumentedLayout() {
        AIPerfConfig cfg = TestEnvelope.resource("/seed/seed-10-sweep-multi-run.yaml");
        Plan p = Plan.of(cfg, TestEnvelope.sweep(cfg), Path.of("artifacts/concurrency_confidence"));
        assertThat(p.runs()).hasSize(9);
        String b = "artifacts/concurrency_confidence/";
        assertThat(dirs(p)).containsExactly(
                b + "profile_runs/trial_0001/concurrency_16", b + "profile_runs/trial_0001/concurrency_64",
                b + "profile_runs/trial_0001/concurrency_128", b + "profile_runs/trial_0002/concurrency_16",
                b + "profile_runs/trial_0002/concurrency_64", b + "profile_runs/trial_0002/concurrency_128",
                b + "profile_runs/trial_0003/concurrency_16", b + "profile_runs/trial_0003/concurrency_64",
                b + "profile_runs/trial_0003/concurrency_128");
        assertThat(p.runs()).extracting(r -> s(r.cellAggregateDir())).contains(b + "aggregate/concurrency_16",
                b + "aggregate/concurrency_64", b + "aggregate/concurrency_128");
        assertThat(s(p.layout().sweepAggregateDir())).isEqualTo(b + "aggregate/sweep_aggregate");
        assertThat(p.runs()).extracting(PlannedRun::seed).containsExactly(42L, 43L, 44L, 42L, 43L, 44L, 42L, 43L,
                44L);
        // warmup (100 requests at concurrency 8: 12.5 s nominal) runs once per variation; profiling 120 s + 30 s grace
        assertThat(p.runs()).extracting(PlannedRun::estimatedSeconds).containsExactly(162.5, 162.5, 162.5, 150.0,
                150.0, 150.0, 150.0, 150.0, 150.0);
        assertThat(p.estimatedSeconds()).isEqualTo(3 * 162.5 + 6 * 150.0 + 2 * 5.0);
    }

    @Test
    void seedCooldownExampleSwapsRolesWithTheIterationOrder() {
        AIPerfConfig cfg = TestEnvelope.resource("/seed/seed-12-cooldowns.yaml");
        Plan rep = Plan.of(cfg, TestEnvelope.sweep(cfg), BASE);
        assertThat(rep.runs()).hasSize(20);
        assertThat(rep.runs().subList(0, 5)).extracting(PlannedRun::cooldownBeforeSeconds)
                .containsExactly(0.0, 30.0, 30.0, 30.0, 10.0);
        AIPerfConfig ind = TestEnvelope.yaml(readResource("seed-12-cooldowns.yaml")
                .replace("cooldown_seconds: 30.0", "iteration_order: independent\n  cooldown_seconds: 30.0"));
        Plan p = Plan.of(ind, TestEnvelope.sweep(ind), BASE);
        assertThat(p.runs().subList(0, 7)).extracting(PlannedRun::cooldownBeforeSeconds)
                .containsExactly(0.0, 10.0, 10.0, 10.0, 10.0, 30.0, 10.0);
        assertThat(p.estimatedSeconds() - p.runs().stream().mapToDouble(PlannedRun::estimatedSeconds).sum())
                .isEqualTo(4 * 4 * 10.0 + 3 * 30.0);
    }

    private static String readResource(String name) {
        try {
            return java.nio.file.Files.readString(
                    java.nio.file.Path.of("../samples/src/test/resources/seed").resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void convergenceWithRepeatedOrderIsRejected() {
        String yaml = grid3x2("repeated", 3).replace("cooldown_seconds: 7}",
                "cooldown_seconds: 7, convergence: {metric: request_throughput}}");
        assertThatThrownBy(() -> plan(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sweep.iteration_order: ").hasMessageEndingWith("Use 'independent' instead.");
        assertThat(plan(yaml.replace("iteration_order: repeated", "iteration_order: independent")).runs())
                .hasSize(18);
    }

    @Test
    void varySeedPerTrialDerivesDistinctReproducibleSeeds() {
        String yaml = grid3x2("independent", 3).replace("cooldown_seconds: 7}",
                "cooldown_seconds: 7, vary_seed_per_trial: true}") + "random_seed: 5\n";
        Plan p = plan(yaml);
        List<Long> seeds = p.runs().stream().map(PlannedRun::seed).toList();
        assertThat(seeds).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(plan(yaml).runs().stream().map(PlannedRun::seed).toList()).isEqualTo(seeds);
        assertThat(seeds.get(0)).isEqualTo(Plan.trialSeed(5L, p.runs().get(0).variation().label(), 0));
    }

    @Test
    void adaptiveLayoutAndRejectionOfPlanningIt() {
        RunLayout l = RunLayout.adaptive(BASE);
        String d = RunLayout.searchIterationDirName(3);
        assertThat(s(l.runDir(d, 1))).isEqualTo("out/search_iter_0003/profile_runs/run_0002");
        assertThat(s(l.cellAggregateDir(d))).isEqualTo("out/search_iter_0003/aggregate");
        assertThat(s(l.sweepAggregateDir())).isEqualTo("out/sweep_aggregate");
        assertThatThrownBy(() -> plan("""
                benchmark: {phases: [{name: profiling, requests: 10}]}
                sweep:
                  type: adaptive_search
                  max_iterations: 10
                  search_space: [{path: concurrency, lo: 1, hi: 64, kind: int}]
                  objectives: [{metric: request_throughput, direction: MAXIMIZE}]
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("cannot be planned in advance");
    }

    @Test
    void timeEstimateHeuristic() {
        assertThat(RunTimeEstimate.phaseSeconds(TestEnvelope.node("{duration: 60}"))).isEqualTo(90.0);
        assertThat(RunTimeEstimate.phaseSeconds(TestEnvelope.node("{duration: 60, grace_period: 5}"))).isEqualTo(65.0);
        assertThat(RunTimeEstimate.phaseSeconds(TestEnvelope.node("{requests: 100, rate: 20}"))).isEqualTo(5.0);
        assertThat(RunTimeEstimate.phaseSeconds(TestEnvelope.node("{requests: 100, concurrency: 4}"))).isEqualTo(25.0);
        assertThat(RunTimeEstimate.phaseSeconds(TestEnvelope.node("{sessions: 10}"))).isEqualTo(10.0);
        // Neither count nor duration: the binder's default of 10 requests, one nominal second each.
        assertThat(RunTimeEstimate.phaseSeconds(TestEnvelope.node("{type: concurrency}"))).isEqualTo(10.0);
    }

    private static void status(Path dir, String status, boolean export) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run_status.json"), "{\"status\": \"" + status + "\", \"error\": null,"
                + " \"run_info\": {}}");
        if (export) {
            Files.writeString(dir.resolve("profile_export_aiperf.json"), "{}");
        }
    }

    @Test
    void runCompletion(@TempDir Path tmp) throws Exception {
        assertThat(RunCompletion.isComplete(tmp.resolve("missing"))).isFalse();
        status(tmp.resolve("ok"), "ok", true);
        status(tmp.resolve("ok-no-export"), "ok", false);
        status(tmp.resolve("failed"), "failed", false);
        status(tmp.resolve("cancelled"), "cancelled", true);
        Files.createDirectories(tmp.resolve("torn"));
        Files.writeString(tmp.resolve("torn/run_status.json"), "{\"status\": \"o");
        assertThat(RunCompletion.isComplete(tmp.resolve("ok"))).isTrue();
        assertThat(RunCompletion.isComplete(tmp.resolve("ok-no-export"))).isFalse();
        assertThat(RunCompletion.isComplete(tmp.resolve("failed"))).isTrue();
        assertThat(RunCompletion.isComplete(tmp.resolve("cancelled"))).isFalse();
        assertThat(RunCompletion.isComplete(tmp.resolve("torn"))).isFalse();
    }

    @Test
    void pendingListsTheRunsStillToDoInOrder(@TempDir Path tmp) throws Exception {
        AIPerfConfig cfg = TestEnvelope.yaml(grid3x2("repeated", 2));
        Plan p = Plan.of(cfg, TestEnvelope.sweep(cfg), tmp);
        assertThat(p.pending()).hasSize(12);
        status(p.runs().get(0).runDir(), "ok", true);
        status(p.runs().get(1).runDir(), "failed", false);
        status(p.runs().get(2).runDir(), "cancelled", false);
        status(p.runs().get(3).runDir(), "ok", false);
        List<PlannedRun> pending = p.pending();
        assertThat(pending).extracting(PlannedRun::order).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        // a re-plan of the same config sees the same state
        assertThat(Plan.of(cfg, TestEnvelope.sweep(cfg), tmp).pending()).hasSize(10);
    }

    @Test
    void interruptedThenResumedEndsWithTheSameCompleteRunsAsAnUninterruptedSweep(@TempDir Path tmp)
            throws Exception {
        AIPerfConfig cfg = TestEnvelope.yaml(grid3x2("independent", 2));
        Path through = tmp.resolve("through");
        Path resumed = tmp.resolve("resumed");
        for (PlannedRun r : Plan.of(cfg, TestEnvelope.sweep(cfg), through).pending()) {
            status(r.runDir(), r.order() == 5 ? "failed" : "ok", r.order() != 5);
        }
        Plan first = Plan.of(cfg, TestEnvelope.sweep(cfg), resumed);
        for (PlannedRun r : first.runs().subList(0, 7)) {
            status(r.runDir(), r.order() == 5 ? "failed" : "ok", r.order() != 5);
        }
        // the run in flight when the sweep was interrupted
        status(first.runs().get(7).runDir(), "cancelled", false);
        List<PlannedRun> rest = Plan.of(cfg, TestEnvelope.sweep(cfg), resumed).pending();
        assertThat(rest).extracting(PlannedRun::order).containsExactly(8, 9, 10, 11, 12);
        for (PlannedRun r : rest) {
            status(r.runDir(), "ok", true);
        }
        assertThat(Plan.of(cfg, TestEnvelope.sweep(cfg), resumed).pending()).isEmpty();
        assertThat(completeRelative(resumed)).isEqualTo(completeRelative(through)).hasSize(12);
    }

    private static java.util.Set<String> completeRelative(Path base) throws Exception {
        try (var files = Files.walk(base)) {
            return files.filter(f -> f.getFileName().toString().equals("run_status.json"))
                    .map(Path::getParent).filter(RunCompletion::isComplete)
                    .map(d -> base.relativize(d).toString().replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void printerTextAndJson() throws Exception {
        AIPerfConfig cfg = TestEnvelope.resource("/seed/seed-10-sweep-multi-run.yaml");
        Plan p = Plan.of(cfg, TestEnvelope.sweep(cfg), Path.of("artifacts/cc"));
        String text = PlanPrinter.text(p);
        assertThat(text).contains("Sweep: grid, 3 variations x 3 trials, iteration order repeated")
                .contains("[1] phases.profiling.concurrency=64")
                .contains("values:    phases.profiling.concurrency=64")
                .contains("seed:      43")
                .contains("directory: concurrency_64")
                .contains("trial_0002  phases.profiling.concurrency=16  seed 42  (no warmup)")
                .contains("(cooldown 5.0 s, multi_run.cooldown_seconds)")
                .contains("Total runs: 9")
                .contains("Estimated time: 23m 18s");
        JsonNode json = new ObjectMapper().readTree(PlanPrinter.jsonText(p));
        assertThat(json.get("schema_version").asText()).isEqualTo("1.0");
        assertThat(json.get("sweep_type").asText()).isEqualTo("grid");
        assertThat(json.get("iteration_order").asText()).isEqualTo("repeated");
        assertThat(json.get("total_runs").asInt()).isEqualTo(9);
        assertThat(json.get("num_variations").asInt()).isEqualTo(3);
        assertThat(json.get("num_trials").asInt()).isEqualTo(3);
        assertThat(json.get("estimated_seconds").asDouble()).isEqualTo(1397.5);
        assertThat(json.get("sweep_aggregate_dir").asText().replace('\\', '/'))
                .isEqualTo("artifacts/cc/aggregate/sweep_aggregate");
        JsonNode v1 = json.get("variations").get(1);
        assertThat(v1.get("label").asText()).isEqualTo("phases.profiling.concurrency=64");
        assertThat(v1.get("values").get("phases.profiling.concurrency").asInt()).isEqualTo(64);
        assertThat(v1.get("seed").asLong()).isEqualTo(43);
        assertThat(v1.get("dir_name").asText()).isEqualTo("concurrency_64");
        JsonNode r3 = json.get("runs").get(3);
        assertThat(r3.get("order").asInt()).isEqualTo(4);
        assertThat(r3.get("variation_index").asInt()).isEqualTo(0);
        assertThat(r3.get("trial").asInt()).isEqualTo(1);
        assertThat(r3.get("run_label").asText()).isEqualTo("trial_0002");
        assertThat(r3.get("skip_warmup").asBoolean()).isTrue();
        assertThat(r3.get("cooldown_kind").asText()).isEqualTo("trial");
        assertThat(r3.get("cooldown_before_seconds").asDouble()).isEqualTo(5.0);
        assertThat(r3.get("run_dir").asText().replace('\\', '/'))
                .isEqualTo("artifacts/cc/profile_runs/trial_0002/concurrency_16");

        Plan single = Plan.of(TestEnvelope.yaml("benchmark: {phases: [{name: profiling, requests: 3}]}"), null,
                Path.of("o"));
        assertThat(PlanPrinter.text(single)).contains("No sweep: 1 run").contains("run_0001").contains("Total runs: 1");
        JsonNode sj = PlanPrinter.json(single);
        assertThat(sj.get("sweep_type").isNull()).isTrue();
        assertThat(sj.get("variations").get(0).get("aggregate_dir").isNull()).isTrue();
    }
}
