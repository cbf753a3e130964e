package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.Distribution;
import dev.aiperf.engine.config.EndpointType;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Synthetic prompts cut from the bundled {@link Corpus}, with input token counts exact for the run's tokenizer.
 *
 * <p>The dataset has {@code entries} distinct prompts. Entry {@code j} is generated from its own generator, seeded
 * by mixing the run seed with {@code j}, so an entry does not depend on which other entries were built or in what
 * order (entries are built lazily, from any thread). For entry {@code j}: the ISL is drawn from
 * {@code dataset.isl}, a start token is drawn uniformly from the corpus, the ISL tokens from there (wrapping past the
 * end) are decoded to text, and the text is adjusted until re-encoding it gives exactly the ISL (decoding and
 * re-encoding can merge or split tokens at the slice's edges). The OSL is then drawn from {@code dataset.osl}
 * and becomes {@link Prompt#maxTokens()}; it is {@code null} when no OSL is configured and for embeddings.
 *
 * <p>Request {@code i} uses entry {@code i mod entries}: every entry is used equally often and in the same order
 * on every run with the same seed. The same seed, config and tokenizer give byte-identical prompts.
 */
public final class SyntheticDataset implements PromptSource {

    private static final int MAX_RESLICES = 16;
    private static final int MAX_EDITS = 256;

    private final DatasetConfig config;
    private final EndpointType endpointType;
    private final long seed;
    private final Tokenizer tokenizer;
    private final AtomicReferenceArray<Prompt> prompts;

    /** A dataset with the tokenizer the config names ({@link Tokenizers#forName}). */
    public SyntheticDataset(DatasetConfig config, EndpointType endpointType, long seed) {
        this(config, endpointType, seed, Tokenizers.forName(config.tokenizer()));
    }

    /**
     * A dataset with an explicit tokenizer.
     *
     * @throws ConfigException when the entry count or a distribution is invalid
     */
    public SyntheticDataset(DatasetConfig config, EndpointType endpointType, long seed, Tokenizer tokenizer) {
        if (config.type() != DatasetType.SYNTHETIC) {
            throw new ConfigException("benchmark.dataset.type", "only 'synthetic' datasets are generated here; got '"
                    + config.type().yamlName() + "'");
        }
        if (config.entries() < 1) {
            throw new ConfigException("benchmark.dataset.entries", "must be at least 1; got " + config.entries());
        }
        if (config.isl() == null) {
            throw new ConfigException("benchmark.dataset.isl", "is required for a synthetic dataset, e.g. isl: 550");
        }
        DistributionSampler.validate(config.isl(), "benchmark.dataset.isl");
        if (config.osl() != null) {
            DistributionSampler.validate(config.osl(), "benchmark.dataset.osl");
        }
        this.config = config;
        this.endpointType = endpointType;
        this.seed = seed;
        this.tokenizer = tokenizer;
        this.prompts = new AtomicReferenceArray<>(config.entries());
    }

    /** Number of distinct prompts. */
    public int entries() {
        return prompts.length();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The prompt of request {@code index}: entry {@code index mod entries}. */
    @Override
    public Prompt promptFor(long index) {
        return entry((int) Math.floorMod(index, (long) prompts.length()));
    }

    /** Entry {@code j} (0-based), generated on first use. */
    public Prompt entry(int j) {
        Prompt p = prompts.get(j);
        if (p == null) {
            p = generate(j);
            // Generation is deterministic, so a race only wastes work; keep the first.
            if (!prompts.compareAndSet(j, null, p)) {
                p = prompts.get(j);
            }
        }
        return p;
    }

    private Prompt generate(int j) {
        SplittableRandom rng = new SplittableRandom(mix(seed, j));
        int isl = DistributionSampler.sampleInt(config.isl(), rng);
        int[] corpus = Corpus.tokens(tokenizer);
        int start = rng.nextInt(corpus.length);
        String text = exactText(corpus, start, isl);
        Distribution osl = config.osl();
        Integer maxTokens = osl == null || endpointType == EndpointType.EMBEDDINGS
                ? null : DistributionSampler.sampleInt(osl, rng);
        return new Prompt(text, isl, maxTokens);
    }

    /** Text of about {@code n} corpus tokens from {@code start}, adjusted so that it encodes to exactly {@code n}. */
    private String exactText(int[] corpus, int start, int n) {
        int k = n;
        String text = decodeSlice(corpus, start, k);
        int count = tokenizer.count(text);
        // Boundary merges change the count by a few tokens; re-slicing with the difference converges fast.
        for (int i = 0; i < MAX_RESLICES && count != n; i++) {
            k = Math.max(1, k + (n - count));
            text = decodeSlice(corpus, start, k);
            count = tokenizer.count(text);
        }
        // Rare oscillation between n-1 and n+1: edit the end by characters.
        StringBuilder sb = new StringBuilder(text);
        for (int i = 0; i < MAX_EDITS && count != n; i++) {
            if (count > n && sb.length() > 1) {
                sb.setLength(sb.length() - 1);
            } else {
                sb.append(" a");
            }
            count = tokenizer.count(sb.toString());
        }
        if (count != n) {
            throw new IllegalStateException("cannot build a prompt of exactly " + n + " tokens with "
                    + tokenizer.name() + " (got " + count + ")");
        }
        return sb.toString();
    }

    private String decodeSlice(int[] corpus, int start, int k) {
        int[] slice = new int[k];
        int len = corpus.length;
        for (int i = 0; i < k; i++) {
            slice[i] = corpus[(int) ((start + (long) i) % len)];
        }
        return tokenizer.decode(slice);
    }

    /** SplitMix64's finaliser over seed and entry, so neighbouring entries get unrelated generators. */
    static long mix(long seed, long j) {
        long z = seed * 0x9E3779B97F4A7C15L + j * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
