package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.api.spi.TokenizerProvider;

import java.util.List;
import java.util.Optional;

/**
 * A provider registered through META-INF/services in the test class path: one token per character, answering
 * the name {@code test-chars}. Shows that a tokenizer plugs in without touching the engine.
 */
public final class CharacterTokenizerProvider implements TokenizerProvider {

    @Override
    public Optional<Tokenizer> create(String name) {
        if (!"test-chars".equals(name)) {
            return Optional.empty();
        }
        return Optional.of(new Tokenizer() {
            @Override
            public String name() {
                return "test-chars";
            }

            @Override
            public int count(String text) {
                return text.length();
            }

            @Override
            public int[] encode(String text) {
                return text.chars().toArray();
            }

            @Override
            public String decode(int[] tokens) {
                return new String(tokens, 0, tokens.length);
            }
        });
    }

    @Override
    public List<String> describeNames() {
        return List.of("test-chars");
    }
}
