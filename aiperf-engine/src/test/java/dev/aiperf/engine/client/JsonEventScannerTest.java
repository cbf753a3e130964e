package dev.aiperf.engine.client;

import dev.aiperf.engine.client.RequestRecord.ServerTiming;
import dev.aiperf.engine.client.RequestRecord.Usage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path's tricky cases: what it reads when it accepts a payload, and what it leaves to Jackson. */
class JsonEventScannerTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the scanner alone; returns the collector when it handled the payload, else null (asserting no change). */
    private static ResponseCollector scan(String json) {
        return scan(utf8(json), false);
    }

    private static ResponseCollector scan(byte[] bytes, boolean wholeBody) {
        ResponseCollector out = new ResponseCollector();
        out.text.append("before|");
        boolean handled = new JsonEventScanner().scan(bytes, 0, bytes.length, 7, out, wholeBody);
        if (!handled) {
            assertThat(out.text.toString()).isEqualTo("before|");
            assertThat(out.responseCount()).isZero();
            assertThat(out.usage).isNull();
            assertThat(out.serverTiming).isNull();
            assertThat(out.serverErrorMessage).isNull();
            assertThat(out.parseError).isNull();
            return null;
        }
        ResponseCollector jackson = new ResponseCollector();
        jackson.text.append("before|");
        PayloadReader.readWithJackson(bytes, 0, bytes.length, 7, jackson, wholeBody);
        assertThat(out.text.toString()).isEqualTo(jackson.text.toString());
        assertThat(out.responseTimes()).isEqualTo(jackson.responseTimes());
        assertThat(out.usage).isEqualTo(jackson.usage);
        assertThat(out.serverTiming).isEqualTo(jackson.serverTiming);
        assertThat(out.serverErrorMessage).isEqualTo(jackson.serverErrorMessage);
        assertThat(jackson.parseError).isNull();
        return out;
    }

    private static String text(ResponseCollector out) {
        return out.text.substring("before|".length());
    }

    private static String chat(String rawContent) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1795843857,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + rawContent + "},\"finish_reason\":null}]}";
    }

    @Test
    void ordinaryChunkIsReadAsOneContentResponse() {
        ResponseCollector out = scan(chat("\" curve\""));
        assertThat(text(out)).isEqualTo(" curve");
        assertThat(out.responseTimes()).containsExactly(7L);
    }

    @Test
    void escapesAndSurrogatePairsAreDecoded() {
        ResponseCollector out = scan(chat("\"q\\\"b\\\\s\\/n\\n t\\t r\\r b\\b f\\f \\u00e9\\u4E16 \\ud83d\\ude00\""));
        assertThat(text(out)).isEqualTo("q\"b\\s/n\n t\t r\r b\b f\f \u00e9\u4e16 \ud83d\ude00");
        // A lone surrogate escape is kept as it is, as Jackson does.
        assertThat(text(scan(chat("\"\\ud83d!\"")))).isEqualTo("\ud83d!");
    }

    @Test
    void multiByteUtf8IsDecodedAndInvalidUtf8IsLeftToJackson() {
        assertThat(text(scan(chat("\"h\u00e9llo \u4e16\u754c \ud83d\ude00\"")))).isEqualTo("h\u00e9llo \u4e16\u754c \ud83d\ude00");
        byte[] overlong = utf8(chat("\"a__b\""));
        int at = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("__");
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF;
        assertThat(scan(overlong, false)).isNull();
        byte[] encodedSurrogate = utf8(chat("\"a___b\""));
        encodedSurrogate[at] = (byte) 0xED;
        encodedSurrogate[at + 1] = (byte) 0xA0;
        encodedSurrogate[at + 2] = (byte) 0x80;
        assertThat(scan(encodedSurrogate, false)).isNull();
        byte[] loneContinuation = utf8(chat("\"a_b\""));
        loneContinuation[at] = (byte) 0x80;
        assertThat(scan(loneContinuation, false)).isNull();
    }

    @Test
    void emptyContentRoleOnlyAndNullContentAreNotResponses() {
        assertThat(scan(chat("\"\"")).responseCount()).isZero();
        assertThat(scan(chat("null")).responseCount()).isZero();
        assertThat(scan("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}").responseCount()).isZero();
        assertThat(scan("{\"choices\":[{\"delta\":{}}]}").responseCount()).isZero();
    }

    @Test
    void usageOnlyChunkSetsUsageWithoutAResponse() {
        ResponseCollector out = scan("{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9,"
                + "\"total_tokens\":12,\"completion_tokens_details\":{\"reasoning_tokens\":4,\"x\":[1,{}]}}}");
        assertThat(out.usage).isEqualTo(new Usage(3, 9, 4));
        assertThat(out.responseCount()).isZero();
    }

    @Test
    void reasoningAndContentBothPresentAreAppendedAndReasoningCountedOnce() {
        ResponseCollector out = scan("{\"choices\":[{\"delta\":{\"reasoning_content\":\"think \",\"reasoning\":\"think \","
                + "\"content\":\"say\"}}]}");
        assertThat(text(out)).isEqualTo("think say");
        assertThat(out.responseCount()).isEqualTo(1);
        // An empty reasoning_content does not use up the one reasoning field.
        assertThat(text(scan("{\"choices\":[{\"delta\":{\"reasoning_content\":\"\",\"reasoning\":\"r\"}}]}"))).isEqualTo("r");
    }

    @Test
    void duplicateKeysBehaveAsInJackson() {
        ResponseCollector out = scan("{\"usage\":{\"prompt_tokens\":1},\"usage\":{\"prompt_tokens\":2,\"prompt_tokens\":5},"
                + "\"choices\":[{\"delta\":{\"content\":\"a\"},\"delta\":{\"content\":\"b\"}}],\"choices\":[{\"text\":\"c\"}],"
                + "\"message\":\"first\",\"detail\":\"second\",\"error\":\"third\"}");
        assertThat(text(out)).isEqualTo("abc");
        assertThat(out.usage).isEqualTo(new Usage(5, 0, 0));
        assertThat(out.serverErrorMessage).isEqualTo("third");
        assertThat(out.responseCount()).isEqualTo(1);
        // Only the first object element of choices is read.
        assertThat(text(scan("{\"choices\":[1,{\"text\":\"x\"},{\"text\":\"y\"}]}"))).isEqualTo("x");
        // A second reasoning field holding a container is left to Jackson, which reads on inside it.
        assertThat(scan("{\"choices\":[{\"delta\":{\"reasoning\":\"a\",\"reasoning_content\":{\"content\":\"b\"}}}]}")).isNull();
    }

    @Test
    void whitespaceEverywhereIsAccepted() {
        ResponseCollector out = scan(" \t\r\n{ \"choices\" :\n[ { \"delta\"\t: { \"content\" : \"w\" } } ] ,"
                + " \"usage\" : { \"prompt_tokens\" : 1 , \"completion_tokens\" :2 } }\n ");
        assertThat(text(out)).isEqualTo("w");
        assertThat(out.usage).isEqualTo(new Usage(1, 2, 0));
    }

    @Test
    void numbersAreConvertedExactlyOrLeftToJackson() {
        ResponseCollector out = scan("{\"mock_timing\":{\"queue_wait_ms\":-0.0,\"ttft_ms\":-0,\"itl_ms\":0.1,"
                + "\"latency_ms\":123456789.125,\"tokens\":-3},\"other\":[1e5,-2.5E-3,0,-0.5e+2]}");
        assertThat(out.serverTiming).isEqualTo(new ServerTiming(-0.0, 0.0, 0.1, 123456789.125, -3));
        assertThat(scan("{\"mock_timing\":{\"ttft_ms\":1e3}}")).isNull();
        assertThat(scan("{\"usage\":{\"prompt_tokens\":1.5}}")).isNull();
        assertThat(scan("{\"usage\":{\"prompt_tokens\":12345678901}}")).isNull();
        assertThat(scan("{\"usage\":{\"prompt_tokens\":null,\"completion_tokens\":\"7\"}}").usage).isEqualTo(new Usage(0, 0, 0));
        for (String bad : new String[] {"01", "-", "1.", ".5", "+1", "1e", "1e+", "--1", "NaN", "0x1"}) {
            assertThat(scan("{\"n\":" + bad + "}")).as(bad).isNull();
        }
    }

    @Test
    void nestedUnknownFieldsAreSkippedAndDeepNestingIsLeftToJackson() {
        ResponseCollector out = scan("{\"x\":{\"a\":[true,false,null,{\"b\":[[],{}]},\"s\\u0041\"]},"
                + "\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"t\"}]},\"delta\":{\"tool_calls\":[{\"id\":\"c\"}],"
                + "\"content\":\"k\"}}],\"data\":[]}");
        assertThat(text(out)).isEqualTo("k");
        String deep = "[".repeat(JsonEventScanner.MAX_DEPTH) + "]".repeat(JsonEventScanner.MAX_DEPTH);
        assertThat(scan("{\"x\":" + deep + "}")).isNull();
        String shallow = "[".repeat(JsonEventScanner.MAX_DEPTH - 2) + "]".repeat(JsonEventScanner.MAX_DEPTH - 2);
        assertThat(scan("{\"x\":" + shallow + "}")).isNotNull();
    }

    @Test
    void errorsMessagesAndEmbeddingsAreRead() {
        assertThat(scan("{\"error\":{\"message\":\"engine died\",\"code\":500}}").serverErrorMessage).isEqualTo("engine died");
        assertThat(scan("{\"error\":{\"code\":500}}").serverErrorMessage).isEqualTo(PayloadReader.ERROR_WITHOUT_MESSAGE);
        assertThat(scan("{\"error\":\"bad \\u00e9\"}").serverErrorMessage).isEqualTo("bad \u00e9");
        assertThat(scan("{\"detail\":\"not found\"}").serverErrorMessage).isEqualTo("not found");
        assertThat(scan("{\"object\":\"list\",\"data\":[{\"embedding\":[0.1,-0.2]}]}").responseCount()).isEqualTo(1);
        assertThat(scan("{\"data\":{}}").responseCount()).isZero();
        // A whole non-streaming body is one response whatever it holds.
        assertThat(scan(utf8("{}"), true).responseCount()).isEqualTo(1);
    }

    @Test
    void truncatedMalformedAndUnusualInputIsLeftToJackson() {
        String whole = chat("\"abc\"");
        for (int cut = 0; cut < whole.length(); cut++) {
            assertThat(scan(whole.substring(0, cut))).as("cut at %d", cut).isNull();
        }
        for (String bad : new String[] {"[1]", "\"s\"", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":tru}", "{\"a\":truex}",
            "{\"a\":\"x\\q\"}", "{\"a\":\"x\ty\"}", "{\"a\":[1,]}", "{'a':1}", "{\"co\\u006etent\":1}", "\uFEFF{}",
            "{\"a\":1 /* c */}", "{\"a\":\"\\u12G4\"}"}) {
            assertThat(scan(bad)).as(bad).isNull();
        }
    }

    @Test
    void trailingBytesAfterTheObjectAreIgnoredAsJacksonDoes() {
        ResponseCollector out = scan(chat("\"t\"") + " garbage ]");
        assertThat(text(out)).isEqualTo("t");
    }

    @Test
    void failureAfterTextWasAppendedLeavesTheCollectorUntouched() {
        // scan() asserts that the text appended before the failure was cut back.
        assertThat(scan("{\"choices\":[{\"delta\":{\"content\":\"appended\"}}],\"usage\":{\"prompt_tokens\":1},\"x\":")).isNull();
    }
}
