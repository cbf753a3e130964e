package dev.aiperf.engine.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String chat(String content) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"}}]}\n\n";
    }

    @Test
    void eventSplitAcrossChunksIsTimestampedWithTheChunkWhereItStarted() {
        SseParser p = new SseParser();
        byte[] event = utf8(chat("hello"));
        p.feed(event, 0, 10, 100);
        p.feed(event, 10, 15, 200);
        assertThat(p.responseCount()).isZero();
        p.feed(event, 25, event.length - 25, 300);
        assertThat(p.responseTimes()).containsExactly(100L);
        assertThat(p.outputText().toString()).isEqualTo("hello");
    }

    @Test
    void severalEventsInOneChunkShareItsArrivalTime() {
        SseParser p = new SseParser();
        p.feed(ByteBuffer.wrap(utf8(chat("a ") + chat("b ") + chat("c"))), 42);
        assertThat(p.responseTimes()).containsExactly(42L, 42L, 42L);
        assertThat(p.outputText().toString()).isEqualTo("a b c");
    }

    @Test
    void nextEventStartingInTheSameChunkAsThePreviousEndTakesThatChunksTime() {
        SseParser p = new SseParser();
        byte[] two = utf8(chat("a") + chat("b"));
        int secondStart = utf8(chat("a")).length;
        p.feed(two, 0, secondStart + 3, 10);
        p.feed(two, secondStart + 3, two.length - secondStart - 3, 20);
        assertThat(p.responseTimes()).containsExactly(10L, 10L);
    }

    @Test
    void commentsRoleOnlyEmptyDeltasUsageAndDoneAreNotContentResponses() {
        SseParser p = new SseParser();
        String stream = ": keep-alive\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":null}}]}\n\n"
                + chat("x")
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":4}}}\n\n"
                + "data:\n\n"
                + "data: [DONE]\n\n";
        p.feed(ByteBuffer.wrap(utf8(stream)), 7);
        assertThat(p.responseCount()).isEqualTo(1);
        assertThat(p.done()).isTrue();
        assertThat(p.usage().promptTokens()).isEqualTo(3);
        assertThat(p.usage().completionTokens()).isEqualTo(9);
        assertThat(p.usage().reasoningTokens()).isEqualTo(4);
        assertThat(p.parseError()).isNull();
    }

    @Test
    void reasoningContentAndReasoningCountAsContentButTheSameTextOnce() {
        SseParser p = new SseParser();
        p.feed(ByteBuffer.wrap(utf8(
                "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"think \"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"reasoning\":\"more \"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"dup \",\"reasoning\":\"dup \"}}]}\n\n"
                + chat("answer"))), 1);
        assertThat(p.responseCount()).isEqualTo(4);
        assertThat(p.outputText().toString()).isEqualTo("think more dup answer");
    }

    @Test
    void completionsTextIsContent() {
        SseParser p = new SseParser();
        p.feed(ByteBuffer.wrap(utf8("data: {\"choices\":[{\"index\":0,\"text\":\"one \"}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"text\":\"\"}]}\n\n")), 5);
        assertThat(p.responseTimes()).containsExactly(5L);
        assertThat(p.outputText().toString()).isEqualTo("one ");
    }

    @Test
    void crlfAndBareCrLineEndingsAreAccepted() {
        SseParser p = new SseParser();
        byte[] crlf = utf8("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\r\n\r\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\r\r");
        // Split between \r and \n so the \n arrives alone in the next chunk.
        int cut = utf8("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\r").length;
        p.feed(crlf, 0, cut, 1);
        p.feed(crlf, cut, crlf.length - cut, 2);
        assertThat(p.outputText().toString()).isEqualTo("ab");
        assertThat(p.responseTimes()).containsExactly(1L, 2L);
    }

    @Test
    void utf8CodepointSplitAcrossChunksIsDecodedWhole() {
        SseParser p = new SseParser();
        byte[] event = utf8(chat("h\u00e9llo \u4e16\u754c \ud83d\ude00"));
        String prefix = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"h";
        int cut = utf8(prefix).length + 1; // inside the two-byte é
        p.feed(event, 0, cut, 1);
        int cut2 = event.length - 8; // inside the four-byte emoji
        p.feed(event, cut, cut2 - cut, 2);
        p.feed(event, cut2, event.length - cut2, 3);
        assertThat(p.outputText().toString()).isEqualTo("h\u00e9llo \u4e16\u754c \ud83d\ude00");
        assertThat(p.responseTimes()).containsExactly(1L);
    }

    @Test
    void byteByByteFeedingGivesTheSameResultAsOneChunk() {
        String stream = chat("a") + ": c\n\n" + "data:{\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n" + "data: [DONE]\n\n";
        SseParser p = new SseParser();
        byte[] bytes = utf8(stream);
        for (int i = 0; i < bytes.length; i++) {
            p.feed(bytes, i, 1, i);
        }
        assertThat(p.outputText().toString()).isEqualTo("ab");
        assertThat(p.responseCount()).isEqualTo(2);
        assertThat(p.done()).isTrue();
    }

    @Test
    void fieldsWithoutValueAndOtherFieldsAreIgnoredAndMultiLineDataIsJoined() {
        SseParser p = new SseParser();
        p.feed(ByteBuffer.wrap(utf8("event: message\nid: 3\nretry: 10\ndata\n\n"
                + "data: {\"choices\":\ndata: [{\"delta\":{\"content\":\"joined\"}}]}\n\n")), 9);
        assertThat(p.outputText().toString()).isEqualTo("joined");
        assertThat(p.responseCount()).isEqualTo(1);
        assertThat(p.parseError()).isNull();
    }

    @Test
    void malformedEventIsRecordedAndTheResponsesAroundItKeepTheirTimes() {
        SseParser p = new SseParser();
        p.feed(ByteBuffer.wrap(utf8(chat("a"))), 1);
        p.feed(ByteBuffer.wrap(utf8("data: {\"choices\":[{\"delta\":{\"content\":\"b\"\n\n")), 2);
        p.feed(ByteBuffer.wrap(utf8(chat("c"))), 3);
        assertThat(p.responseTimes()).containsExactly(1L, 3L);
        assertThat(p.parseError()).isNotNull();
        assertThat(p.parseError().type()).isEqualTo("malformed_response");
        assertThat(p.outputText().toString()).startsWith("a").endsWith("c");
    }

    @Test
    void mockTimingAndErrorObjectsAreRead() {
        SseParser p = new SseParser();
        p.feed(ByteBuffer.wrap(utf8("data: {\"choices\":[],\"mock_timing\":{\"queue_wait_ms\":1.5,\"ttft_ms\":20,"
                + "\"itl_ms\":5.25,\"latency_ms\":70.5,\"tokens\":11}}\n\n"
                + "data: {\"error\":{\"message\":\"engine died\",\"code\":500}}\n\n")), 1);
        assertThat(p.serverTiming().queueWaitMs()).isEqualTo(1.5);
        assertThat(p.serverTiming().ttftMs()).isEqualTo(20.0);
        assertThat(p.serverTiming().itlMs()).isEqualTo(5.25);
        assertThat(p.serverTiming().latencyMs()).isEqualTo(70.5);
        assertThat(p.serverTiming().tokens()).isEqualTo(11);
        assertThat(p.serverErrorMessage()).isEqualTo("engine died");
        assertThat(p.responseCount()).isZero();
    }

    @Test
    void unterminatedLastEventIsProcessedAtEndOfBody() {
        SseParser p = new SseParser();
        p.feed(ByteBuffer.wrap(utf8("data: {\"choices\":[{\"delta\":{\"content\":\"tail\"}}]}")), 4);
        assertThat(p.responseCount()).isZero();
        p.finish();
        assertThat(p.responseTimes()).containsExactly(4L);
    }

    @Test
    void directBuffersAreReadToo() {
        SseParser p = new SseParser();
        byte[] bytes = utf8(chat("direct"));
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        p.feed(direct, 8);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(p.outputText().toString()).isEqualTo("direct");
    }
}
