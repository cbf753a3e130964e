package dev.aiperf.engine.dataset;

/**
 * One turn of a dataset file as written, validated but not yet turned into a {@link Prompt} (no tokenizing, no
 * text synthesis, so a scan stays cheap).
 *
 * @param text            the prompt text, or null for a trace line sized by {@code inputLength}
 * @param inputLength     a trace's declared input tokens (null for text turns)
 * @param hashIds         a trace's 512-token block ids, or null
 * @param outputLength    requested output tokens, or null (then the config's OSL decides)
 * @param delayMillis     milliseconds after the previous turn's response; NaN when not given
 * @param timestampMillis when the turn was sent in the trace's milliseconds; NaN when not given
 * @param replyText       ShareGPT's following assistant message, whose token count becomes the output length;
 *                        null for the other formats
 * @param line            1-based line of the file it came from
 */
record FileTurn(String text, Integer inputLength, long[] hashIds, Integer outputLength, double delayMillis,
                double timestampMillis, String replyText, int line) {

    /** A text turn of a JSONL file. */
    static FileTurn text(String text, Integer outputLength, double delayMillis, double timestampMillis, int line) {
        return new FileTurn(text, null, null, outputLength, delayMillis, timestampMillis, null, line);
    }

    boolean timed() {
        return !Double.isNaN(timestampMillis);
    }
}
