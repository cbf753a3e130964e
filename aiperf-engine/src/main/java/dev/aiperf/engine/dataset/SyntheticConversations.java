package dev.aiperf.engine.dataset;

import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.Distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic conversations over a {@link SyntheticDataset}: conversation {@code i} has a turn count drawn from
 * {@code turns} (one when unset) and, before each later turn, a delay drawn from {@code turn_delay} (milliseconds;
 * none when unset). Turns take the dataset's entries in order, so every entry is used equally often; a single-turn
 * source therefore sends entry {@code i mod entries} as conversation {@code i}, as the plain dataset does. Never
 * runs out. Session ids are {@code session_000000}, {@code session_000001}, ... like {@code inputs.json}'s.
 */
public final class SyntheticConversations implements ConversationSource {

    private final SyntheticDataset dataset;
    private final Distribution turns;
    private final Distribution turnDelay;
    private final long seed;
    private long conversations;
    private long turnsTaken;

    public SyntheticConversations(SyntheticDataset dataset, DatasetConfig config, long seed) {
        if (config.turns() != null) {
            DistributionSampler.validate(config.turns(), "benchmark.dataset.turns");
        }
        if (config.turnDelay() != null) {
            DistributionSampler.validate(config.turnDelay(), "benchmark.dataset.turn_delay");
        }
        this.dataset = dataset;
        this.turns = config.turns();
        this.turnDelay = config.turnDelay();
        this.seed = seed;
    }

    @Override
    public Conversation next() {
        long i = conversations++;
        SplittableRandom rng = new SplittableRandom(seed ^ (0x5DEECE66DL * (i + 1)));
        int n = turns == null ? 1 : DistributionSampler.sampleInt(turns, rng);
        List<Turn> list = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            Prompt prompt = dataset.promptFor(turnsTaken++);
            double delay = t == 0 || turnDelay == null ? 0 : Math.max(0, DistributionSampler.sample(turnDelay, rng));
            list.add(new Turn(prompt, delay, Double.NaN));
        }
        return new Conversation(String.format("session_%06d", i), list);
    }

    @Override
    public boolean multiTurn() {
        return turns != null && !(turns instanceof Distribution.Fixed f && f.value() == 1);
    }
}
