package dev.aiperf.engine.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Where a run sits in a sweep: AIPerf's {@code run_info} block of {@code profile_export_aiperf.json}.
 *
 * @param benchmarkId     unique id of this run
 * @param sweepId         id shared by all runs of one sweep, or {@code null}
 * @param randomSeed      the seed the run used
 * @param trial           0-based trial index within its cell
 * @param runLabel        {@code run_0001} / {@code trial_0001}
 * @param variationLabel  the cell's label, or {@code null} without a sweep
 * @param variationIndex  the cell's 0-based index, or {@code null}
 * @param variationValues canonical path to value, empty without a sweep
 * @param cliCommand      the command line that started it, or {@code null}
 */
public record RunInfo(
        String benchmarkId,
        String sweepId,
        long randomSeed,
        int trial,
        String runLabel,
        String variationLabel,
        Integer variationIndex,
        Map<String, Object> variationValues,
        String cliCommand) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** AIPerf's {@code run_info} block, snake_case keys; absent values are written as null. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("benchmark_id", benchmarkId);
        n.put("sweep_id", sweepId);
        n.put("random_seed", randomSeed);
        n.put("trial", trial);
        n.put("run_label", runLabel);
        n.put("variation_label", variationLabel);
        if (variationIndex == null) {
            n.putNull("variation_index");
        } else {
            n.put("variation_index", variationIndex);
        }
        n.set("variation_values", JSON.valueToTree(variationValues == null ? Map.of() : variationValues));
        n.put("cli_command", cliCommand);
        return n;
    }
}
