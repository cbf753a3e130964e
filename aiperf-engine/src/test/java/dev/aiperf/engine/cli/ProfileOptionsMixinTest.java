package dev.aiperf.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** ProfileOptions plugs into a picocli command as a mixin and documents its flags in the usage help. */
class ProfileOptionsMixinTest {

    @Command(name = "profile")
    static final class Profile implements Runnable {
        @Mixin
        ProfileOptions options;
        AIPerfConfig config;

        @Override
        public void run() {
            config = ConfigLoader.resolve(options, Map.of());
        }
    }

    @Test
    void worksAsAMixin() {
        Profile p = new Profile();
        int code = new CommandLine(p).execute("--concurrency", "1,2,4", "--streaming", "--ui", "none");
        assertThat(code).isZero();
        assertThat(p.config.sweepTree().path("parameters").has("phases.profiling.concurrency")).isTrue();
        assertThat(p.config.benchmark().endpoint().streaming()).isTrue();
        assertThat(p.options.ui()).isEqualTo("none");
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
