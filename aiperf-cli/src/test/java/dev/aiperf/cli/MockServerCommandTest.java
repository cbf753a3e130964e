package dev.aiperf.cli;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.mock.FaultKind;
import dev.aiperf.mock.LatencyMode;
import dev.aiperf.mock.MockServerConfig;
import dev.aiperf.mock.PrefixCacheConfig;
import dev.aiperf.mock.SessionLogConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mock-server flags become the right {@link MockServerConfig}; bad flags are reported, not thrown. */
class MockServerCommandTest {

    private static MockServerConfig parse(String... args) {
        MockServerCommand command = new MockServerCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void defaultsAreTheEmbeddedBatchingServerOnLoopback() {
        MockServerConfig config = parse();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.latency()).isEqualTo(MockServerConfig.defaults().latency());
        assertThat(config.faults().isEmpty()).isTrue();
        assertThat(config.prefixCache()).isEqualTo(MockServerConfig.defaults().prefixCache());
        assertThat(config.sessionLog()).isEqualTo(MockServerConfig.defaults().sessionLog());
    }

    @Test
    void prefixCacheAndSessionLogKnobs() {
        MockServerConfig config = parse("--prefix-cache-blocks", "65536", "--prefix-block-tokens", "32",
                "--session-log-sessions", "10", "--session-log-requests", "5", "--session-log-chars", "1000");
        assertThat(config.prefixCache()).isEqualTo(new PrefixCacheConfig(32, 65536));
        assertThat(config.sessionLog()).isEqualTo(new SessionLogConfig(10, 5, 1000));
        assertThat(parse("--session-log-sessions", "0").sessionLog().enabled()).isFalse();
        assertThatThrownBy(() -> parse("--prefix-block-tokens", "0"))
                .hasMessageStartingWith("mock.prefix_block_tokens:");
    }

    @Test
    void modesKnobsModelsAndFaults() {
        MockServerConfig config = parse("--mode", "open-loop", "--ttft-ms", "50", "--itl-ms", "7",
                "--itl-jitter-cv", "0.2", "--model", "a", "--model", "b", "--seed", "9", "--port", "0",
                "--fault-rate", "http_503=0.25", "--fault-at", "drop-mid-stream=1,4", "--stall-ms", "900");
        assertThat(config.latency()).isEqualTo(new LatencyMode.OpenLoop(50, 7, 0, 0.2));
        assertThat(config.models()).isEqualTo(List.of("a", "b"));
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.faults().rates()).containsEntry(FaultKind.HTTP_503, 0.25);
        assertThat(config.faults().atIndices()).containsEntry(FaultKind.DROP_MID_STREAM, Set.of(1L, 4L));
        assertThat(config.faults().stallMs()).isEqualTo(900);
        assertThat(parse("--mode", "batching", "--max-batch", "4", "--kv-cache-tokens", "1000").latency())
                .isEqualTo(new LatencyMode.Batching(4, 4.0, 0.125, 0.02, 512, 1000));
        assertThat(parse("--mode", "zero").latency()).isInstanceOf(LatencyMode.ZeroLatency.class);
    }

    @Test
    void badFlagsNameTheProblem() {
        assertThatThrownBy(() -> parse("--mode", "warp")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("zero, open-loop or batching");
        assertThatThrownBy(() -> parse("--fault-rate", "meteor=0.1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown fault kind 'meteor'");
        assertThatThrownBy(() -> parse("--fault-rate", "http_500=0.7", "--fault-rate", "stall=0.7"))
                .hasMessageContaining("sum to at most 1");
        assertThatThrownBy(() -> parse("--max-batch", "0")).hasMessageContaining("max_batch");

        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("mock-server", "--mode", "warp")).isEqualTo(1);
    }

    @Test
    void helpListsTheSubcommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("mock-server", "--help")).isZero();
        assertThat(out.toString()).contains("--fault-rate", "--kv-cache-tokens", "--mode", "--prefix-cache-blocks",
                "--session-log-sessions");
    }
}
