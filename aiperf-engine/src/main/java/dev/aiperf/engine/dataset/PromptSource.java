package dev.aiperf.engine.dataset;

import dev.aiperf.engine.dataset.Prompt;

/** Supplies the input of the {@code index}-th request of a run; deterministic for a seed. */
@FunctionalInterface
public interface PromptSource {
    Prompt promptFor(long index);
}
