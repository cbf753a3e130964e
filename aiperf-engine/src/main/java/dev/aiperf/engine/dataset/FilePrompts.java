package dev.aiperf.engine.dataset;

import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.Distribution;
import dev.aiperf.engine.config.EndpointType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a file's conversation as written ({@link FileConversation}) into the {@link Conversation} a run sends:
 * <ul>
 *   <li>a text turn's {@link Prompt#inputTokens()} is the text's count with the run's tokenizer;</li>
 *   <li>a trace turn sized by {@code input_length} gets synthetic text ({@link HashBlockText}) and keeps the
 *       trace's {@code input_length} as its count: the trace's number, not a re-tokenized one, since the decoded
 *       blocks re-encode to a few tokens more or less at their seams;</li>
 *   <li>{@link Prompt#maxTokens()} is the turn's {@code output_length}, else (ShareGPT) the token count of the
 *       assistant reply that followed it, else a draw from the config's OSL, else null; always null for
 *       embeddings;</li>
 *   <li>a missing delay is 0, a missing timestamp NaN.</li>
 * </ul>
 * Everything drawn (OSL, trace text) is seeded by the run seed and the entry's position in the file, so an entry
 * gives the same prompts on every pass and draw. Not thread-safe: used by the reading thread only.
 */
final class FilePrompts {

    private final Tokenizer tokenizer;
    private final boolean embeddings;
    private final Distribution osl;
    private final long seed;
    private final HashBlockText blocks;

    FilePrompts(DatasetConfig config, Tokenizer tokenizer, EndpointType endpointType, long seed) {
        this.tokenizer = tokenizer;
        this.embeddings = endpointType == EndpointType.EMBEDDINGS;
        this.osl = config.osl();
        this.seed = seed;
        this.blocks = new HashBlockText(tokenizer, seed, HashBlockText.CACHE_BLOCKS);
    }

    /** The conversation of {@code entry}, sent as session {@code sessionId}. */
    Conversation conversation(FileConversation entry, String sessionId) {
        List<Turn> turns = new ArrayList<>(entry.turns().size());
        for (int k = 0; k < entry.turns().size(); k++) {
            FileTurn t = entry.turns().get(k);
            String text;
            int inputTokens;
            if (t.text() != null) {
                text = t.text();
                inputTokens = tokenizer.count(text);
            } else {
                text = t.hashIds() != null ? blocks.text(t.hashIds(), t.inputLength())
                        : blocks.text(entry.index(), k, t.inputLength());
                inputTokens = t.inputLength();
            }
            Prompt prompt = new Prompt(text, inputTokens, maxTokens(t, entry.index(), k), List.of(), sessionId, k);
            turns.add(new Turn(prompt, Double.isNaN(t.delayMillis()) ? 0 : t.delayMillis(), t.timestampMillis()));
        }
        return new Conversation(sessionId, turns);
    }

    /** {@code session_NNNNNN}, the id of a conversation the file gives none (String.format is slow per request). */
    static String generatedSessionId(long n) {
        String digits = Long.toString(n);
        return digits.length() >= 6 ? "session_" + digits : "session_" + "000000".substring(digits.length()) + digits;
    }

    private Integer maxTokens(FileTurn t, long entry, int turn) {
        if (embeddings) {
            return null;
        }
        if (t.outputLength() != null) {
            return t.outputLength();
        }
        if (t.replyText() != null) {
            return Math.max(1, tokenizer.count(t.replyText()));
        }
        if (osl == null) {
            return null;
        }
        SplittableRandom rng = new SplittableRandom(SyntheticDataset.mix(seed, entry * 1_000_003L + turn));
        return DistributionSampler.sampleInt(osl, rng);
    }
}
