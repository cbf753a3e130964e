package dev.aiperf.samples;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.junit.BenchmarkTest;
import dev.aiperf.junit.MockServerSettings;
import dev.aiperf.junit.Param;
import dev.aiperf.junit.Sweep;

import static dev.aiperf.junit.AIPerfAssertions.assertThat;

/**
 * How conversation length changes the load: one cell per turn count. Every turn after the first resends the history
 * (previous user turns and the assistant text the server returned), so with an ISL of ~128 and answers of 32 tokens
 * turn {@code k} (0-based) sends about {@code 128 + 160 k} tokens and the average input of a {@code t}-turn
 * conversation is about {@code 128 + 80 (t - 1)}: 128, 288 and 448 tokens for 1, 3 and 5 turns.
 */
@MockServerSettings(latency = MockServerSettings.Latency.FAST)
class ConversationTurnsBenchmarkTest {

    @BenchmarkTest(config = "benchmarks/chat-conversations.yaml")
    @Sweep(parameters = @Param(path = "datasets.main.turns", values = {"1", "3", "5"}))
    void historyGrowsWithTheTurns(CellResult cell) {
        assertThat(cell).hasNoFailedRuns();
        int turns = ((Number) cell.values().get("datasets.main.turns")).intValue();
        double expected = 128 + 80.0 * (turns - 1);
        assertThat(cell).metric("input_sequence_length").avg().isBetween(expected * 0.85, expected * 1.15);
        // Eight conversations of `turns` turns each: every turn of every started conversation is sent.
        assertThat(cell).metric("request_count").avg().isBetween(8.0 * turns, 8.0 * turns);
    }
}
