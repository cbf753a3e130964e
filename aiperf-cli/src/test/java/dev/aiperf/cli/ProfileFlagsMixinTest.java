package dev.aiperf.cli;

import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.model.CellInfo;
import dev.aiperf.engine.api.model.ProfileOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** ProfileFlags plugs into a picocli command as a mixin and documents its flags in the usage help. */
class ProfileFlagsMixinTest {

    @Command(name = "profile")
    static final class Profile implements Runnable {
        @Mixin
        ProfileFlags flags;
        Benchmark benchmark;

        @Override
        public void run() {
            benchmark = Benchmark.of(flags.toOptions());
        }
    }

    @Test
    void worksAsAMixin() {
        Profile p = new Profile();
        int code = new CommandLine(p).execute("--concurrency", "1,2,4", "--streaming", "--ui", "none");
        assertThat(code).isZero();
        assertThat(p.benchmark.cells()).extracting(CellInfo::displayName)
                .containsExactly("concurrency=1", "concurrency=2", "concurrency=4");
        assertThat(p.flags.toOptions().streaming()).isTrue();
        assertThat(p.flags.toOptions().ui()).isEqualTo("none");
    }

    @Test
    void usageListsAIPerfFlagNames() {
        StringWriter out = new StringWriter();
        new CommandLine(new Profile()).usage(new PrintWriter(out));
        assertThat(out.toString()).contains("--concurrency=N[,N...]", "--request-rate-mode=MODE",
                "--[no-]parameter-sweep-same-seed", "--num-profile-runs=N", "--sla=METRIC:STAT:OP:THR",
                "--benchmark-grace-period=S", "--conversation-turn-mean=N[,N...]", "--input-file=FILE",
                "--custom-dataset-type=TYPE", "--[no-]fixed-schedule", "--[no-]fixed-schedule-auto-offset",
                "--fixed-schedule-speedup=X", "--request-cancellation-rate=PCT", "--conversation-turn-delay-mean=MS");
    }

    @Test
    void realTrafficFlagsReachTheOptions() {
        ProfileOptions o = options("--input-file", "traces/t.jsonl", "--custom-dataset-type", "mooncake_trace",
                "--conversation-turn-stddev", "2", "--conversation-turn-delay-mean", "500",
                "--conversation-turn-delay-stddev", "50", "--fixed-schedule", "--no-fixed-schedule-auto-offset",
                "--fixed-schedule-start-offset", "100", "--fixed-schedule-end-offset", "900",
                "--fixed-schedule-speedup", "2", "--request-cancellation-rate", "10",
                "--request-cancellation-delay", "0.5", "--user-centric-rate", "4", "--num-users", "8");
        assertThat(o.inputFile()).isEqualTo(Path.of("traces/t.jsonl"));
        assertThat(o.customDatasetType()).isEqualTo("mooncake_trace");
        assertThat(o.conversationTurnStddev()).isEqualTo(2);
        assertThat(o.conversationTurnDelayMean()).isEqualTo(500.0);
        assertThat(o.conversationTurnDelayStddev()).isEqualTo(50.0);
        assertThat(o.fixedSchedule()).isTrue();
        assertThat(o.fixedScheduleAutoOffset()).isFalse();
        assertThat(o.fixedScheduleStartOffset()).isEqualTo(100.0);
        assertThat(o.fixedScheduleEndOffset()).isEqualTo(900.0);
        assertThat(o.fixedScheduleSpeedup()).isEqualTo(2.0);
        assertThat(o.requestCancellationRate()).isEqualTo(10.0);
        assertThat(o.requestCancellationDelay()).isEqualTo(0.5);
        assertThat(options("--no-fixed-schedule").fixedSchedule()).isFalse();
        assertThat(options("--session-turns-stddev", "1").conversationTurnStddev()).as("AIPerf's alias").isEqualTo(1);
    }

    @Test
    void theSeedMultiTurnZipExampleIsThreeCells() {
        Profile p = new Profile();
        int code = new CommandLine(p).execute("--streaming", "--sweep-type", "zip", "--num-conversations",
                "10,50,200", "--conversation-turn-mean", "1,3,8", "--concurrency", "4,16,64", "--ui", "none");
        assertThat(code).isZero();
        assertThat(p.benchmark.cells()).hasSize(3);
        assertThat(p.benchmark.cells().get(2).values()).containsEntry("datasets.main.turns.mean", 8)
                .containsEntry("phases.profiling.sessions", 200).containsEntry("phases.profiling.concurrency", 64);
    }

    private static ProfileOptions options(String... args) {
        ProfileFlags flags = new ProfileFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.toOptions();
    }
}
