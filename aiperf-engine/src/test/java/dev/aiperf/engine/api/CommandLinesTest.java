package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.ProfileOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command recorded in run_info, and the options' own text, never carry a secret. */
class CommandLinesTest {

    @Test
    void keysSecretHeadersUserInfoAndKeyParametersAreRedacted() {
        String line = CommandLines.redact(List.of("aiperf", "profile", "--api-key", "sk-1", "--api-key=sk-2",
                "-H", "Authorization: Bearer sk-3", "--header", "X-Team: infra", "--header=x-api-key:sk-4",
                "--url", "http://user:pw@host:8000/v1?api_key=sk-5&model=m", "-Daiperf.apiKey=sk-6"));
        assertThat(line).doesNotContain("sk-", "user:pw")
                .contains("--api-key <redacted>", "--api-key=<redacted>", "Authorization: <redacted>",
                        "X-Team: infra", "--header=x-api-key: <redacted>",
                        "http://<redacted>@host:8000/v1?api_key=<redacted>&model=m", "-Daiperf.apiKey=<redacted>");
        assertThat(CommandLines.redact(null)).isNull();
    }

    @Test
    void optionsPrintWithoutTheirSecrets() {
        ProfileOptions o = ProfileOptions.builder().apiKey("sk-1").headers("Authorization: Bearer sk-2", "X-Team: a")
                .concurrency("8").build();
        assertThat(o.toString()).doesNotContain("sk-").contains("apiKey=<redacted>", "Authorization: <redacted>",
                "X-Team: a", "concurrency=8");
    }
}
