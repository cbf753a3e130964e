package dev.aiperf.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aiperf profile} in a real pseudo-terminal (util-linux {@code script}, sized 120x30 with {@code stty}) draws
 * the progress bars in a status area; the same command with standard output piped prints plain lines and no bar, no
 * escape sequence. Both run the command line's {@code Main} in a fresh JVM against the embedded mock server.
 */
class ProgressPseudoTerminalTest {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path tmp;

    private List<String> command(String dir) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), "dev.aiperf.cli.Main", "profile",
                "--streaming", "--concurrency", "1,2", "--request-count", "16", "--isl", "32", "--osl", "8",
                "--harness-warmup-requests", "0", "--random-seed", "3", "--artifact-dir", tmp.resolve(dir).toString());
    }

    private static String run(List<String> command, Path output) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the profile finished").isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static String quote(List<String> args) {
        List<String> out = new ArrayList<>();
        args.forEach(a -> out.add("'" + a.replace("'", "'\\''") + "'"));
        return String.join(" ", out);
    }

    @Test
    void onATerminalTheBarsAreDrawn() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "SKIPPED: no /usr/bin/script (util-linux) to open a"
                + " pseudo-terminal with");
        Path typescript = tmp.resolve("typescript");
        String shell = "stty cols 120 rows 30; " + quote(command("tty"));
        run(List.of(SCRIPT.toString(), "-qfec", shell, typescript.toString()), tmp.resolve("stdout"));
        String text = Files.readString(typescript, StandardCharsets.UTF_8);

        assertThat(text).contains("overall [").contains("concurrency=1 trial_0001 [").contains("req/s")
                .contains(String.valueOf(ProgressBars.FULL)).contains("\u001b[");
        assertThat(text).contains("[1/2] variation 1/2").contains("artifacts: ");
        assertThat(text).doesNotContain("profiling: 16/16 requests");
    }

    @Test
    void withStandardOutputPipedThereAreOnlyPlainLines() throws Exception {
        String text = run(command("pipe"), tmp.resolve("stdout"));

        assertThat(text).contains("[1/2] variation 1/2").contains("    profiling: 16/16 requests, 0 errors")
                .contains("artifacts: ");
        assertThat(text).doesNotContain("overall [").doesNotContain(String.valueOf(ProgressBars.FULL))
                .doesNotContain("\u001b[").doesNotContain("\r");
    }
}
