package dev.aiperf.engine.dataset;


/** Supplies the input of the {@code index}-th request of a run; deterministic for a seed. */
@FunctionalInterface
public interface PromptSource {
    Prompt promptFor(long index);
}
