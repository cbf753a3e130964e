package dev.aiperf.cli;

import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.model.CellInfo;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

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
                "--benchmark-grace-period=S", "--conversation-turn-mean=N[,N...]");
    }
}
