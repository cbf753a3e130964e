package dev.aiperf.engine.client;

import dev.aiperf.engine.client.RequestRecord.ServerTiming;
import dev.aiperf.engine.client.RequestRecord.Usage;

/**
 * The fast path of {@link PayloadReader}: a strict recursive-descent scanner over an OpenAI-style payload's UTF-8
 * bytes that extracts exactly what the Jackson path extracts, without building a parser per event.
 *
 * <p>Field names are compared as bytes; values that are not needed are skipped but still validated against the
 * JSON grammar (escapes, UTF-8, numbers, literals, nesting), so everything this scanner accepts Jackson accepts
 * too, with the same result. Whenever it is not sure — malformed or truncated input, a byte order mark, an escaped
 * or non-ASCII field name, a number it cannot convert exactly as Jackson would, deep nesting — it reports the
 * payload as not handled and leaves the collector as it found it, so the Jackson path runs and produces today's
 * results and error messages. Text is appended to the collector as it is decoded and cut back on a bail-out; the
 * other results are staged in fields and committed only on success.
 *
 * <p>Not thread-safe: one instance per {@link ResponseCollector}, reused for every event of the response.
 *
 * <p>Why one long class: it is the per-token hot path (every SSE event of every stream passes through it on the
 * selector thread). The grammar's productions call each other with the cursor and staged results in fields of this
 * one object, which keeps them monomorphic, inlinable and allocation-free; splitting it into collaborating objects
 * would trade that for indirection on every byte. {@code PayloadReaderDifferentialTest} holds it to Jackson's
 * results on generated and mutated payloads, which is what keeps a class this size safe to change.
 */
final class JsonEventScanner {

    /** Containers nested deeper than this are left to Jackson. */
    static final int MAX_DEPTH = 64;
    /** Payloads larger than this are left to Jackson (and its string-length constraints). */
    static final int MAX_INPUT = 1 << 20;
    private static final int MAX_NUMBER_LENGTH = 100;
    /** Longer field names are left to Jackson (and its name-length constraint). */
    private static final int MAX_NAME_LENGTH = 256;
    /** Largest count of digits whose value converts to a double exactly (below 2^53). */
    private static final int MAX_EXACT_DIGITS = 15;
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    };

    private static final byte[] CHOICES = ascii("choices");
    private static final byte[] USAGE = ascii("usage");
    private static final byte[] MOCK_TIMING = ascii("mock_timing");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] DETAIL = ascii("detail");
    private static final byte[] DATA = ascii("data");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] TEXT = ascii("text");
    private static final byte[] CONTENT = ascii("content");
    private static final byte[] REASONING_CONTENT = ascii("reasoning_content");
    private static final byte[] REASONING = ascii("reasoning");
    private static final byte[] PROMPT_TOKENS = ascii("prompt_tokens");
    private static final byte[] COMPLETION_TOKENS = ascii("completion_tokens");
    private static final byte[] REASONING_TOKENS = ascii("reasoning_tokens");
    private static final byte[] COMPLETION_TOKENS_DETAILS = ascii("completion_tokens_details");
    private static final byte[] QUEUE_WAIT_MS = ascii("queue_wait_ms");
    private static final byte[] TTFT_MS = ascii("ttft_ms");
    private static final byte[] ITL_MS = ascii("itl_ms");
    private static final byte[] LATENCY_MS = ascii("latency_ms");
    private static final byte[] TOKENS = ascii("tokens");

    /** Thrown to abandon a payload; preallocated and without a stack trace because bailing out must be cheap. */
    private static final class NotHandled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotHandled() {
            super(null, null, false, false);
        }
    }

    private static final NotHandled NOT_HANDLED = new NotHandled();

    private byte[] b;
    private int pos;
    private int end;
    private StringBuilder text;
    private String currentError;
    private int nameStart;
    private int nameLen;
    private char[] chars = new char[256];
    private final char[] skipped = new char[2];

    // The number just scanned.
    private boolean numNegative;
    private long numMantissa;
    private int numDigits;
    private int numFracDigits;
    private boolean numExponent;

    // Results staged until the whole payload has been accepted.
    private boolean usageSet;
    private int prompt;
    private int completion;
    private int reasoning;
    private boolean timingSet;
    private double queueWait;
    private double ttft;
    private double itl;
    private double latency;
    private int timingTokens;
    private boolean errorSet;
    private String error;

    /**
     * Reads {@code buf[off, off+len)} into {@code out} exactly as {@link PayloadReader#readWithJackson} would.
     *
     * @return true when the payload was handled; false when it was not, with {@code out} unchanged
     */
    boolean scan(byte[] buf, int off, int len, long nanos, ResponseCollector out, boolean wholeBody) {
        if (len > MAX_INPUT) {
            return false;
        }
        int mark = out.text.length();
        b = buf;
        pos = off;
        end = off + len;
        text = out.text;
        currentError = out.serverErrorMessage;
        usageSet = false;
        timingSet = false;
        errorSet = false;
        error = null;
        try {
            if (nextNonWs() != '{') {
                return bail(out, mark);
            }
            pos++;
            // Like the Jackson path, nothing after the top-level object's closing brace is read.
            boolean content = topObject();
            if (usageSet) {
                out.usage = new Usage(prompt, completion, reasoning);
            }
            if (timingSet) {
                out.serverTiming = new ServerTiming(queueWait, ttft, itl, latency, timingTokens);
            }
            if (errorSet) {
                out.serverErrorMessage = error;
            }
            if (content || wholeBody) {
                out.addResponse(nanos);
            }
            return true;
        } catch (NotHandled e) {
            return bail(out, mark);
        } finally {
            b = null;
            text = null;
            currentError = null;
            error = null;
        }
    }

    private static boolean bail(ResponseCollector out, int mark) {
        out.text.setLength(mark);
        return false;
    }

    private boolean topObject() {
        boolean content = false;
        for (boolean more = firstField(); more; more = nextField()) {
            if (nameIs(CHOICES)) {
                content |= choices();
            } else if (nameIs(USAGE)) {
                usage();
            } else if (nameIs(MOCK_TIMING)) {
                timing();
            } else if (nameIs(ERROR)) {
                error();
            } else if (nameIs(MESSAGE) || nameIs(DETAIL)) {
                if (nextNonWs() == '"' && currentError == null) {
                    pos++;
                    setError(decodeToString());
                } else {
                    skipValue(1);
                }
            } else if (nameIs(DATA)) {
                content |= nextNonWs() == '[';
                skipValue(1);
            } else {
                skipValue(1);
            }
        }
        return content;
    }

    private void setError(String message) {
        error = message;
        errorSet = true;
        currentError = message;
    }

    private boolean choices() {
        if (nextNonWs() != '[') {
            skipValue(1);
            return false;
        }
        pos++;
        boolean content = false;
        boolean first = true;
        for (boolean more = firstElement(); more; more = nextElement()) {
            // The first element that is an object is read, as the Jackson path does.
            if (!first || nextNonWs() != '{') {
                skipValue(2);
                continue;
            }
            first = false;
            pos++;
            for (boolean f = firstField(); f; f = nextField()) {
                if (nameIs(DELTA) || nameIs(MESSAGE)) {
                    content |= message();
                } else if (nameIs(TEXT)) {
                    content |= appendText(3);
                } else {
                    skipValue(3);
                }
            }
        }
        return content;
    }

    private boolean message() {
        if (nextNonWs() != '{') {
            skipValue(3);
            return false;
        }
        pos++;
        boolean content = false;
        boolean reasoningSeen = false;
        for (boolean more = firstField(); more; more = nextField()) {
            if (nameIs(CONTENT)) {
                content |= appendText(4);
            } else if (nameIs(REASONING_CONTENT) || nameIs(REASONING)) {
                if (!reasoningSeen) {
                    if (appendText(4)) {
                        reasoningSeen = true;
                        content = true;
                    }
                } else {
                    // The Jackson path does not skip a container here and reads on inside it; leave that to it.
                    int c = nextNonWs();
                    if (c == '{' || c == '[') {
                        throw NOT_HANDLED;
                    }
                    skipValue(4);
                }
            } else {
                skipValue(4);
            }
        }
        return content;
    }

    private boolean appendText(int depth) {
        if (nextNonWs() != '"') {
            skipValue(depth);
            return false;
        }
        pos++;
        int n = decodeString();
        if (n == 0) {
            return false;
        }
        text.append(chars, 0, n);
        return true;
    }

    private void usage() {
        if (nextNonWs() != '{') {
            skipValue(1);
            return;
        }
        pos++;
        int p = 0;
        int c = 0;
        int r = 0;
        for (boolean more = firstField(); more; more = nextField()) {
            if (nameIs(PROMPT_TOKENS)) {
                p = intValue(2);
            } else if (nameIs(COMPLETION_TOKENS)) {
                c = intValue(2);
            } else if (nameIs(REASONING_TOKENS)) {
                r = intValue(2);
            } else if (nameIs(COMPLETION_TOKENS_DETAILS) && nextNonWs() == '{') {
                pos++;
                for (boolean inner = firstField(); inner; inner = nextField()) {
                    if (nameIs(REASONING_TOKENS)) {
                        r = intValue(3);
                    } else {
                        skipValue(3);
                    }
                }
            } else {
                skipValue(2);
            }
        }
        usageSet = true;
        prompt = p;
        completion = c;
        reasoning = r;
    }

    private void timing() {
        if (nextNonWs() != '{') {
            skipValue(1);
            return;
        }
        pos++;
        double q = 0;
        double t = 0;
        double i = 0;
        double l = 0;
        int n = 0;
        for (boolean more = firstField(); more; more = nextField()) {
            if (nameIs(QUEUE_WAIT_MS)) {
                q = doubleValue(2);
            } else if (nameIs(TTFT_MS)) {
                t = doubleValue(2);
            } else if (nameIs(ITL_MS)) {
                i = doubleValue(2);
            } else if (nameIs(LATENCY_MS)) {
                l = doubleValue(2);
            } else if (nameIs(TOKENS)) {
                n = intValue(2);
            } else {
                skipValue(2);
            }
        }
        timingSet = true;
        queueWait = q;
        ttft = t;
        itl = i;
        latency = l;
        timingTokens = n;
    }

    private void error() {
        int c = nextNonWs();
        if (c == '"') {
            pos++;
            setError(decodeToString());
            return;
        }
        if (c != '{') {
            skipValue(1);
            return;
        }
        pos++;
        String message = null;
        for (boolean more = firstField(); more; more = nextField()) {
            if (nameIs(MESSAGE) && nextNonWs() == '"') {
                pos++;
                message = decodeToString();
            } else {
                skipValue(2);
            }
        }
        setError(message == null ? PayloadReader.ERROR_WITHOUT_MESSAGE : message);
    }

    /** An integer as Jackson's {@code getValueAsInt} gives it; 0 for a value that is not a number. */
    private int intValue(int depth) {
        int c = nextNonWs();
        if (c != '-' && (c < '0' || c > '9')) {
            skipValue(depth);
            return 0;
        }
        scanNumber();
        // Fractions truncate and large values overflow in Jackson; not worth mirroring.
        if (numFracDigits > 0 || numExponent || numDigits > 9) {
            throw NOT_HANDLED;
        }
        return (int) (numNegative ? -numMantissa : numMantissa);
    }

    /** A number as Jackson's {@code getValueAsDouble} gives it; 0 for a value that is not a number. */
    private double doubleValue(int depth) {
        int c = nextNonWs();
        if (c != '-' && (c < '0' || c > '9')) {
            skipValue(depth);
            return 0;
        }
        scanNumber();
        if (numExponent || numDigits > MAX_EXACT_DIGITS) {
            throw NOT_HANDLED;
        }
        if (numFracDigits == 0) {
            // An integer token: Jackson converts the integer, so "-0" is 0.0, not -0.0.
            return (double) (numNegative ? -numMantissa : numMantissa);
        }
        // Both operands are exact, and IEEE division rounds correctly: the same double Double.parseDouble gives.
        double d = numMantissa / POW10[numFracDigits];
        return numNegative ? -d : d;
    }

    private void skipValue(int depth) {
        int c = nextNonWs();
        switch (c) {
            case '"' -> {
                pos++;
                skipString();
            }
            case '{' -> {
                pos++;
                if (depth >= MAX_DEPTH) {
                    throw NOT_HANDLED;
                }
                for (boolean more = firstField(); more; more = nextField()) {
                    skipValue(depth + 1);
                }
            }
            case '[' -> {
                pos++;
                if (depth >= MAX_DEPTH) {
                    throw NOT_HANDLED;
                }
                for (boolean more = firstElement(); more; more = nextElement()) {
                    skipValue(depth + 1);
                }
            }
            case 't' -> literal('t', 'r', 'u', 'e');
            case 'f' -> {
                literal('f', 'a', 'l', 's');
                if (pos >= end || b[pos] != 'e') {
                    throw NOT_HANDLED;
                }
                pos++;
            }
            case 'n' -> literal('n', 'u', 'l', 'l');
            default -> scanNumber();
        }
    }

    private void literal(char c0, char c1, char c2, char c3) {
        if (end - pos < 4 || b[pos] != c0 || b[pos + 1] != c1 || b[pos + 2] != c2 || b[pos + 3] != c3) {
            throw NOT_HANDLED;
        }
        pos += 4;
    }

    /** A number per the JSON grammar; what follows it is checked by the caller's separator. */
    private void scanNumber() {
        int start = pos;
        numNegative = false;
        numMantissa = 0;
        numDigits = 0;
        numFracDigits = 0;
        numExponent = false;
        if (pos < end && b[pos] == '-') {
            numNegative = true;
            pos++;
        }
        if (pos >= end) {
            throw NOT_HANDLED;
        }
        int c = b[pos];
        if (c == '0') {
            pos++;
            numDigits = 1;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw NOT_HANDLED;
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            int before = numDigits;
            digits();
            numFracDigits = numDigits - before;
            if (numFracDigits == 0) {
                throw NOT_HANDLED;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            numExponent = true;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            int expStart = pos;
            while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
            if (pos == expStart) {
                throw NOT_HANDLED;
            }
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw NOT_HANDLED;
        }
    }

    private void digits() {
        while (pos < end) {
            int c = b[pos];
            if (c < '0' || c > '9') {
                return;
            }
            if (numDigits < 18) {
                numMantissa = numMantissa * 10 + (c - '0');
            }
            numDigits++;
            pos++;
        }
    }

    private String decodeToString() {
        int n = decodeString();
        return new String(chars, 0, n);
    }

    /** Decodes the string whose opening quote was consumed into {@code chars}; returns its length. */
    private int decodeString() {
        // No byte decodes to more than one char (a four-byte sequence gives two), so this is enough room.
        if (chars.length < end - pos) {
            chars = new char[Math.max(end - pos, chars.length * 2)];
        }
        char[] dst = chars;
        int n = 0;
        while (true) {
            if (pos >= end) {
                throw NOT_HANDLED;
            }
            int c = b[pos++];
            if (c >= 0x20 && c != '"' && c != '\\') {
                dst[n++] = (char) c;
            } else if (c == '"') {
                return n;
            } else if (c == '\\') {
                dst[n++] = escape();
            } else if (c < 0) {
                n = utf8(c, dst, n);
            } else {
                throw NOT_HANDLED;
            }
        }
    }

    private void skipString() {
        while (true) {
            if (pos >= end) {
                throw NOT_HANDLED;
            }
            int c = b[pos++];
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            if (c == '"') {
                return;
            } else if (c == '\\') {
                escape();
            } else if (c < 0) {
                utf8(c, skipped, 0);
            } else {
                throw NOT_HANDLED;
            }
        }
    }

    private char escape() {
        if (pos >= end) {
            throw NOT_HANDLED;
        }
        int e = b[pos++];
        switch (e) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (end - pos < 4) {
                    throw NOT_HANDLED;
                }
                // Each \\u unit is emitted as it is, paired or not, as Jackson does.
                int v = (hex(b[pos]) << 12) | (hex(b[pos + 1]) << 8) | (hex(b[pos + 2]) << 4) | hex(b[pos + 3]);
                pos += 4;
                return (char) v;
            default:
                throw NOT_HANDLED;
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw NOT_HANDLED;
    }

    /**
     * Decodes one multi-byte UTF-8 sequence whose lead byte was consumed, strictly: no overlong forms, no encoded
     * surrogates, nothing above U+10FFFF (Jackson is laxer; what it alone accepts is left to it).
     */
    private int utf8(int lead, char[] dst, int n) {
        int c = lead & 0xFF;
        if (c >= 0xC2 && c <= 0xDF) {
            dst[n++] = (char) (((c & 0x1F) << 6) | continuation(0x80, 0xBF));
        } else if (c >= 0xE0 && c <= 0xEF) {
            int c1 = continuation(c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF);
            int c2 = continuation(0x80, 0xBF);
            dst[n++] = (char) (((c & 0x0F) << 12) | (c1 << 6) | c2);
        } else if (c >= 0xF0 && c <= 0xF4) {
            int c1 = continuation(c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF);
            int c2 = continuation(0x80, 0xBF);
            int c3 = continuation(0x80, 0xBF);
            int cp = ((c & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
            dst[n++] = Character.highSurrogate(cp);
            dst[n++] = Character.lowSurrogate(cp);
        } else {
            throw NOT_HANDLED;
        }
        return n;
    }

    /** The low six bits of the next byte, which must lie in {@code [lo, hi]}. */
    private int continuation(int lo, int hi) {
        if (pos >= end) {
            throw NOT_HANDLED;
        }
        int c = b[pos] & 0xFF;
        if (c < lo || c > hi) {
            throw NOT_HANDLED;
        }
        pos++;
        return c & 0x3F;
    }

    /** The first byte that is not JSON whitespace, left unconsumed. */
    private int nextNonWs() {
        while (pos < end) {
            int c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c & 0xFF;
            }
            pos++;
        }
        throw NOT_HANDLED;
    }

    /** After an object's {@code {}: reads the first name and its colon, or the closing brace (returns false). */
    private boolean firstField() {
        if (nextNonWs() == '}') {
            pos++;
            return false;
        }
        name();
        return true;
    }

    /** After a field's value: reads a comma, the next name and its colon, or the closing brace (returns false). */
    private boolean nextField() {
        int c = nextNonWs();
        if (c == '}') {
            pos++;
            return false;
        }
        if (c != ',') {
            throw NOT_HANDLED;
        }
        pos++;
        name();
        return true;
    }

    private boolean firstElement() {
        if (nextNonWs() == ']') {
            pos++;
            return false;
        }
        return true;
    }

    private boolean nextElement() {
        int c = nextNonWs();
        if (c == ']') {
            pos++;
            return false;
        }
        if (c != ',') {
            throw NOT_HANDLED;
        }
        pos++;
        return true;
    }

    /** A field name of printable ASCII without escapes (anything else is left to Jackson) and its colon. */
    private void name() {
        if (nextNonWs() != '"') {
            throw NOT_HANDLED;
        }
        int start = ++pos;
        while (true) {
            if (pos >= end) {
                throw NOT_HANDLED;
            }
            int c = b[pos];
            if (c == '"') {
                break;
            }
            if (c < 0x20 || c == '\\' || pos - start >= MAX_NAME_LENGTH) {
                throw NOT_HANDLED;
            }
            pos++;
        }
        nameStart = start;
        nameLen = pos - start;
        pos++;
        if (nextNonWs() != ':') {
            throw NOT_HANDLED;
        }
        pos++;
    }

    private boolean nameIs(byte[] key) {
        if (nameLen != key.length) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (b[nameStart + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
