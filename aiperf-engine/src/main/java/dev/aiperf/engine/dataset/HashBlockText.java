package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.spi.Tokenizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of a trace request sized in tokens, laid out as the trace's {@code hash_ids} say: each id is one block
 * of {@value #BLOCK_TOKENS} tokens, and equal ids give identical text blocks within a run, so requests whose ids
 * share a prefix reach the server with a text prefix shared exactly up to the block boundary (what prefix caching
 * keys on). The last block is cut to {@code input_length - 512 (n - 1)} tokens, i.e. it is the first tokens of the
 * id's full block, so a cut block is still a prefix of the same id's full block.
 *
 * <p>Block {@code id} is corpus tokens decoded to text: {@value #RUNS} runs of {@value #RUN_TOKENS} consecutive
 * tokens, each run from a start drawn from (seed, id, run). One run of 512 would do for equality, but the corpus
 * has only about 6,600 starting points (cl100k_base), so in a trace with thousands of distinct ids different ids
 * would often get the same block and the server would see shared prefixes the trace does not have; eight
 * independent starts make that practically impossible. Without {@code hash_ids}, the input is one run of
 * {@code input_length} tokens from a start drawn from (seed, entry, turn).
 *
 * <p>When blocks have to be decoded (a tokenizer whose tokens do not add up to the corpus text), decoded full blocks
 * are kept in a bounded least-recently-used cache, as traces repeat their popular prefixes. Used by one thread, the
 * prefetching reader's.
 */
final class HashBlockText {

    static final int BLOCK_TOKENS = 512;
    static final int RUN_TOKENS = 64;
    static final int RUNS = BLOCK_TOKENS / RUN_TOKENS;
    /** About 2 KB of text per block with the bundled corpus: 4,096 blocks cost about 8 MB. */
    static final int CACHE_BLOCKS = 4096;

    private static final long BLOCK_SALT = 0x6A09E667F3BCC909L;
    private static final long FREE_SALT = 0xBB67AE8584CAA73BL;

    private final Tokenizer tokenizer;
    private final int[] corpus;
    private final long seed;
    private final Map<Long, String> blocks;
    /**
     * Where each corpus token's text starts in the corpus text, when the text is exactly the concatenation of its
     * tokens' texts (byte-level BPE over the ASCII corpus): then the text of consecutive corpus tokens is a substring
     * and needs no decoding, which makes trace text about ten times cheaper. Null for a tokenizer where it is not.
     */
    private final int[] charStart;
    private final String corpusText;

    HashBlockText(Tokenizer tokenizer, long seed, int cacheBlocks) {
        this.tokenizer = tokenizer;
        this.corpus = Corpus.tokens(tokenizer);
        this.seed = seed;
        this.corpusText = Corpus.text();
        this.charStart = charStarts(tokenizer, corpus, corpusText);
        this.blocks = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > cacheBlocks;
            }
        };
    }

    /** The text of {@code inputLength} tokens laid out as {@code hashIds} (512·(n−1) &lt; inputLength ≤ 512·n). */
    String text(long[] hashIds, int inputLength) {
        int n = hashIds.length;
        int last = inputLength - BLOCK_TOKENS * (n - 1);
        StringBuilder sb = new StringBuilder(inputLength * 5);
        for (int i = 0; i < n - 1; i++) {
            sb.append(block(hashIds[i]));
        }
        if (last == BLOCK_TOKENS) {
            sb.append(block(hashIds[n - 1]));
        } else {
            appendBlock(sb, hashIds[n - 1], last);
        }
        return sb.toString();
    }

    /** The text of {@code inputLength} tokens for a trace line without hash_ids, keyed by its entry and turn. */
    String text(long entry, int turn, int inputLength) {
        long key = SyntheticDataset.mix(seed ^ FREE_SALT, entry * 1_000_003L + turn);
        StringBuilder sb = new StringBuilder(inputLength * 5);
        appendRun(sb, (int) Math.floorMod(key, (long) corpus.length), inputLength);
        return sb.toString();
    }

    /** The full text block of {@code id}. */
    String block(long id) {
        if (charStart != null) {
            // Cutting from the corpus text costs less than a cache lookup and keeps nothing.
            StringBuilder sb = new StringBuilder(BLOCK_TOKENS * 5);
            appendBlock(sb, id, BLOCK_TOKENS);
            return sb.toString();
        }
        String b = blocks.get(id);
        if (b == null) {
            StringBuilder sb = new StringBuilder(BLOCK_TOKENS * 5);
            appendBlock(sb, id, BLOCK_TOKENS);
            b = sb.toString();
            blocks.put(id, b);
        }
        return b;
    }

    /** Appends the text of the first {@code n} tokens of block {@code id}. */
    private void appendBlock(StringBuilder sb, long id, int n) {
        if (charStart == null) {
            sb.append(tokenizer.decode(blockTokens(id, n)));
            return;
        }
        for (int run = 0; run * RUN_TOKENS < n; run++) {
            appendRun(sb, runStart(id, run), Math.min(RUN_TOKENS, n - run * RUN_TOKENS));
        }
    }

    /** Appends the text of {@code n} consecutive corpus tokens from {@code start}, wrapping past the end. */
    private void appendRun(StringBuilder sb, int start, int n) {
        if (charStart == null) {
            int[] tokens = new int[n];
            for (int i = 0; i < n; i++) {
                tokens[i] = corpus[(int) ((start + (long) i) % corpus.length)];
            }
            sb.append(tokenizer.decode(tokens));
            return;
        }
        while (n > 0) {
            int k = Math.min(n, corpus.length - start);
            sb.append(corpusText, charStart[start], charStart[start + k]);
            n -= k;
            start = 0;
        }
    }

    private int runStart(long id, int run) {
        return (int) Math.floorMod(SyntheticDataset.mix(seed ^ BLOCK_SALT, id * RUNS + run), (long) corpus.length);
    }

    /** The first {@code n} tokens of block {@code id}. */
    private int[] blockTokens(long id, int n) {
        int[] tokens = new int[n];
        for (int run = 0; run * RUN_TOKENS < n; run++) {
            int start = runStart(id, run);
            for (int i = 0; i < RUN_TOKENS && run * RUN_TOKENS + i < n; i++) {
                tokens[run * RUN_TOKENS + i] = corpus[(start + i) % corpus.length];
            }
        }
        return tokens;
    }

    /** Each token's start in {@code text}, plus the end, if {@code text} is exactly its tokens' texts in a row. */
    private static int[] charStarts(Tokenizer tokenizer, int[] corpus, String text) {
        int[] starts = new int[corpus.length + 1];
        int at = 0;
        for (int i = 0; i < corpus.length; i++) {
            String piece = tokenizer.decode(new int[] {corpus[i]});
            if (!text.startsWith(piece, at)) {
                return null;
            }
            starts[i] = at;
            at += piece.length();
        }
        starts[corpus.length] = at;
        return at == text.length() ? starts : null;
    }
}
