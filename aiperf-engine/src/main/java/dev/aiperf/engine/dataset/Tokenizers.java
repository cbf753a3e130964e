package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.api.spi.TokenizerProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a tokenizer name from the config to a {@link Tokenizer}: the built-in jtokkit encodings first, then
 * any {@link TokenizerProvider} on the class path. Tokenizers are cached by name, so every dataset of a JVM
 * shares one instance (and one tokenized corpus) per tokenizer.
 */
public final class Tokenizers {

    private static final Map<String, Tokenizer> CACHE = new ConcurrentHashMap<>();

    private Tokenizers() {
    }

    /**
     * The tokenizer called {@code name}; {@code null} or blank means the default ({@code cl100k_base}).
     *
     * @throws ConfigException when no built-in encoding or provider knows the name; the message lists the valid names
     */
    public static Tokenizer forName(String name) {
        String key = name == null || name.isBlank() ? JTokkitTokenizer.DEFAULT_ENCODING : name.trim();
        Tokenizer cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Tokenizer created = create(key);
        Tokenizer previous = CACHE.putIfAbsent(key, created);
        return previous == null ? created : previous;
    }

    private static Tokenizer create(String name) {
        if (JTokkitTokenizer.supports(name)) {
            return JTokkitTokenizer.of(name);
        }
        List<String> valid = new ArrayList<>(JTokkitTokenizer.ENCODINGS);
        for (TokenizerProvider provider : ServiceLoader.load(TokenizerProvider.class)) {
            Optional<Tokenizer> t = provider.create(name);
            if (t.isPresent()) {
                return t.get();
            }
            valid.addAll(provider.describeNames());
        }
        throw new ConfigException("benchmark.dataset.tokenizer",
                "unknown tokenizer '" + name + "'; valid names: " + String.join(", ", valid));
    }
}
