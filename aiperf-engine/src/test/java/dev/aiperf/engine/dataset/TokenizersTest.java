package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.spi.Tokenizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizersTest {

    @Test
    void defaultIsCl100kAndRoundTrips() {
        Tokenizer t = Tokenizers.forName(null);
        assertThat(t.name()).isEqualTo("cl100k_base");
        String s = "Shall I compare thee to a summer's day?";
        assertThat(t.decode(t.encode(s))).isEqualTo(s);
        assertThat(t.count(s)).isEqualTo(t.encode(s).length);
        // cl100k_base: "Hello world" is two tokens, 9906 and 1917.
        assertThat(t.encode("Hello world")).containsExactly(9906, 1917);
    }

    @Test
    void everyEncodingResolvesAndIsCached() {
        for (String name : JTokkitTokenizer.ENCODINGS) {
            Tokenizer t = Tokenizers.forName(name);
            assertThat(t.name()).isEqualTo(name);
            assertThat(Tokenizers.forName(name)).isSameAs(t);
            assertThat(t.count("To be, or not to be")).isBetween(5, 9);
        }
    }

    @Test
    void specialTokensAreOrdinaryText() {
        Tokenizer t = Tokenizers.forName("cl100k_base");
        // Counted as plain text, never as the single special token (and never an exception).
        assertThat(t.count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void unknownNameListsValidOnes() {
        assertThatThrownBy(() -> Tokenizers.forName("gpt2-fancy"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("benchmark.dataset.tokenizer")
                .hasMessageContaining("unknown tokenizer 'gpt2-fancy'")
                .hasMessageContaining("cl100k_base, o200k_base, p50k_base, r50k_base, test-chars");
    }

    @Test
    void providersOnTheClassPathPlugIn() {
        Tokenizer t = Tokenizers.forName("test-chars");
        assertThat(t.name()).isEqualTo("test-chars");
        assertThat(t.count("sonnet")).isEqualTo(6);
        SyntheticDataset ds = new SyntheticDataset(dev.aiperf.engine.config.DatasetConfig.synthetic("main", 3,
                new dev.aiperf.engine.config.Distribution.Fixed(40), null, "test-chars"),
                dev.aiperf.engine.config.EndpointType.CHAT, 5);
        assertThat(ds.promptFor(0).text()).hasSize(40);
        assertThat(Corpus.text()).contains(ds.promptFor(0).text().substring(0, 20));
    }
}
