package dev.aiperf.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.client.OpenAiRequestBody;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.Distribution;
import dev.aiperf.engine.config.EndpointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticDatasetTest {

    private static DatasetConfig config(int entries, Distribution isl, Distribution osl, String tokenizer) {
        return DatasetConfig.synthetic("main", entries, isl, osl, tokenizer);
    }

    @Test
    void everyPromptHasExactlyTheSampledTokenCountForEveryEncoding() {
        for (String enc : JTokkitTokenizer.ENCODINGS) {
            Tokenizer t = Tokenizers.forName(enc);
            for (long seed = 0; seed < 4; seed++) {
                SyntheticDataset ds = new SyntheticDataset(
                        config(30, new Distribution.LogNormal(300, 120), null, enc), EndpointType.CHAT, seed);
                for (int j = 0; j < ds.entries(); j++) {
                    Prompt p = ds.entry(j);
                    assertThat(t.count(p.text())).as("%s seed %d entry %d", enc, seed, j).isEqualTo(p.inputTokens());
                }
            }
        }
    }

    @Test
    void exactForShortAndLongFixedLengths() {
        Tokenizer t = Tokenizers.forName("cl100k_base");
        int corpusTokens = Corpus.tokens(t).length;
        for (int n : new int[] {1, 2, 3, 7, 64, 550, 2048, corpusTokens + 123}) {
            SyntheticDataset ds = new SyntheticDataset(config(20, new Distribution.Fixed(n), null, null),
                    EndpointType.COMPLETIONS, 42);
            for (int j = 0; j < ds.entries(); j++) {
                Prompt p = ds.entry(j);
                assertThat(p.inputTokens()).isEqualTo(n);
                assertThat(t.count(p.text())).as("n=%d entry %d", n, j).isEqualTo(n);
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalPromptsAndOtherSeedsDiffer() {
        DatasetConfig c = config(50, new Distribution.Normal(200, 50), new Distribution.Fixed(128), null);
        SyntheticDataset a = new SyntheticDataset(c, EndpointType.CHAT, 7);
        SyntheticDataset b = new SyntheticDataset(c, EndpointType.CHAT, 7);
        SyntheticDataset other = new SyntheticDataset(c, EndpointType.CHAT, 8);
        // b is built backwards: an entry must not depend on generation order.
        for (int j = c.entries() - 1; j >= 0; j--) {
            b.entry(j);
        }
        int differ = 0;
        for (int i = 0; i < 200; i++) {
            assertThat(a.promptFor(i)).isEqualTo(b.promptFor(i));
            if (!a.promptFor(i).equals(other.promptFor(i))) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(190);
    }

    @Test
    void requestIUsesEntryIModEntriesAndPromptsAreDistinct() {
        SyntheticDataset ds = new SyntheticDataset(config(10, new Distribution.Fixed(100), null, null),
                EndpointType.CHAT, 1);
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            texts.add(ds.promptFor(i).text());
            assertThat(ds.promptFor(i + 10)).isSameAs(ds.promptFor(i));
        }
        assertThat(texts).hasSize(10);
    }

    @Test
    void oslBecomesMaxTokensExceptForEmbeddingsAndWhenAbsent() {
        DatasetConfig withOsl = config(5, new Distribution.Fixed(20), new Distribution.Fixed(99.2), null);
        assertThat(new SyntheticDataset(withOsl, EndpointType.CHAT, 3).promptFor(0).maxTokens()).isEqualTo(100);
        assertThat(new SyntheticDataset(withOsl, EndpointType.EMBEDDINGS, 3).promptFor(0).maxTokens()).isNull();
        DatasetConfig noOsl = config(5, new Distribution.Fixed(20), null, null);
        assertThat(new SyntheticDataset(noOsl, EndpointType.CHAT, 3).promptFor(0).maxTokens()).isNull();
    }

    @Test
    void badConfigNamesThePath() {
        assertThatThrownBy(() -> new SyntheticDataset(config(0, new Distribution.Fixed(5), null, null),
                EndpointType.CHAT, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("benchmark.dataset.entries");
        assertThatThrownBy(() -> new SyntheticDataset(config(3, new Distribution.LogNormal(100, 200), null, null),
                EndpointType.CHAT, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("benchmark.dataset.isl.mean").hasMessageContaining("median <= mean");
        assertThatThrownBy(() -> new SyntheticDataset(config(3, new Distribution.Fixed(5),
                new Distribution.Normal(10, -1), null), EndpointType.CHAT, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("benchmark.dataset.osl.stddev");
        assertThatThrownBy(() -> new SyntheticDataset(new DatasetConfig("main",
                dev.aiperf.engine.config.DatasetType.MOONCAKE_TRACE, 3, new Distribution.Fixed(5), null, null, null,
                null, null), EndpointType.CHAT, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("benchmark.dataset.type");
    }

    @Test
    void inputsJsonHasOneSessionPerEntryWithTheExactBodyAndIsReproducible(@TempDir Path dir) throws Exception {
        DatasetConfig c = config(4, new Distribution.Fixed(30), new Distribution.Fixed(16), null);
        SyntheticDataset ds = new SyntheticDataset(c, EndpointType.CHAT, 11);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        InputsJsonWriter.write(a, ds, prompt -> OpenAiRequestBody.encode(EndpointType.CHAT, "m1", true, prompt));
        InputsJsonWriter.write(b, new SyntheticDataset(c, EndpointType.CHAT, 11),
                prompt -> OpenAiRequestBody.encode(EndpointType.CHAT, "m1", true, prompt));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

        JsonNode root = new ObjectMapper().readTree(a.toFile());
        assertThat(root.get("data")).hasSize(4);
        JsonNode first = root.get("data").get(0);
        assertThat(first.get("session_id").asText()).isEqualTo("session_000000");
        JsonNode body = first.get("payloads").get(0);
        assertThat(body.get("model").asText()).isEqualTo("m1");
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo(ds.entry(0).text());
        assertThat(body.get("max_tokens").asInt()).isEqualTo(16);
        assertThat(body.get("ignore_eos").asBoolean()).isTrue();
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body).as("exactly the body the client sends")
                .isEqualTo(new ObjectMapper().readTree(
                        OpenAiRequestBody.encode(EndpointType.CHAT, "m1", true, ds.entry(0))));
    }
}
