package dev.aiperf.engine.api.spi;

import dev.aiperf.engine.dataset.Tokenizers;

import java.util.List;
import java.util.Optional;

/**
 * Service-provider interface for tokenizers beyond the built-in jtokkit encodings.
 *
 * <p>{@code Tokenizers.forName(String)} (package dataset) asks the built-in encodings first, then every provider found by
 * {@link java.util.ServiceLoader} on the class path, in class-path order. A Hugging Face {@code tokenizer.json}
 * adapter, for instance, lives in its own jar with a {@code META-INF/services/dev.aiperf.engine.api.spi.TokenizerProvider}
 * file naming its implementation; it answers names that are paths to a {@code tokenizer.json} and returns
 * {@link Optional#empty()} for anything else. The engine needs no change to use it.
 */
public interface TokenizerProvider {

    /**
     * The tokenizer for {@code name}, or empty when this provider does not handle that name.
     *
     * @throws dev.aiperf.engine.api.model.ConfigException when the name is this provider's but unusable
     *                                                  (e.g. an unreadable tokenizer file)
     */
    Optional<Tokenizer> create(String name);

    /** Human-readable forms of the names this provider accepts, listed in error messages. */
    List<String> describeNames();
}
