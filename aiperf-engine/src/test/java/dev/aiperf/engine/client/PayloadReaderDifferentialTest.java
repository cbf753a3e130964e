package dev.aiperf.engine.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the fast path: for thousands of generated payloads, realistic and mutated, reading with the
 * scanner first (falling back to Jackson) leaves exactly the collector that Jackson alone leaves.
 */
class PayloadReaderDifferentialTest {

    private static final String WS = " \t\r\n";
    private static final String[] WORDS = {"the", " curve", "x", " ", "\u00e9t\u00e9", "\u4e16\u754c", "\ud83d\ude00",
        "tab\there", "caf\u00e9 ", "\u0394"};
    private static final String[] ESCAPES = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9",
        "\\u4E16", "\\ud83d\\ude00", "\\ud83d", "\\udE00", "\\u0000", "\\u001f", "\\u0041"};
    private static final String[] EXTRA_NAMES = {"x", "system_fingerprint", "logprobs", "content", "text", "index",
        "tool_calls", "a\\u0062", "\u043a\u043b\u044e\u0447", "total_tokens", "refusal", "usage", "message"};
    private static final String STRUCTURAL = "{}[],:\"\\ 0123456789eE.-+tfnu\t\n";

    private final Random rnd = new Random(20261128L);

    @Test
    void fastPathWithFallbackMatchesJacksonOnGeneratedAndMutatedPayloads() {
        int clean = 0;
        int cleanHandled = 0;
        int mutated = 0;
        int mutatedHandled = 0;
        int mutatedRejectedByJackson = 0;
        for (int stream = 0; stream < 600; stream++) {
            ResponseCollector fast = new ResponseCollector();
            ResponseCollector reference = new ResponseCollector();
            boolean wholeBody = rnd.nextInt(8) == 0;
            for (int e = 0; e < 20; e++) {
                byte[] event = event().getBytes(StandardCharsets.UTF_8);
                boolean mutate = rnd.nextInt(3) == 0;
                if (mutate) {
                    event = mutate(event);
                }
                // Embed the payload between unrelated bytes so reading past its bounds would show.
                int off = rnd.nextInt(4);
                byte[] buf = new byte[off + event.length + rnd.nextInt(4)];
                for (int k = 0; k < buf.length; k++) {
                    buf[k] = (byte) "}]\"x".charAt(rnd.nextInt(4));
                }
                System.arraycopy(event, 0, buf, off, event.length);

                boolean handled = new JsonEventScanner().scan(buf, off, event.length, e, new ResponseCollector(), wholeBody);
                PayloadReader.read(buf, off, event.length, e, fast, wholeBody);
                PayloadReader.readWithJackson(buf, off, event.length, e, reference, wholeBody);
                String what = new String(event, StandardCharsets.UTF_8);
                assertSameResult(fast, reference, what);
                if (mutate) {
                    mutated++;
                    mutatedHandled += handled ? 1 : 0;
                    ResponseCollector alone = new ResponseCollector();
                    PayloadReader.readWithJackson(buf, off, event.length, e, alone, wholeBody);
                    if (alone.parseError != null) {
                        mutatedRejectedByJackson++;
                        assertThat(handled).as("scanner accepted what Jackson rejects: %s", what).isFalse();
                    }
                } else {
                    clean++;
                    cleanHandled += handled ? 1 : 0;
                }
            }
        }
        assertThat(clean).isGreaterThan(7000);
        // Most generated payloads take the fast path; the generator gives unusual numbers (exponents, fractional or
        // huge token counts) and escaped or non-ASCII names, which the scanner leaves to Jackson, far more often
        // than servers do, so the rest fall back.
        assertThat(cleanHandled).isGreaterThan(clean * 6 / 10);
        assertThat(mutatedRejectedByJackson).isGreaterThan(mutated / 3);
        assertThat(mutatedHandled).isGreaterThan(0);
    }

    private static void assertSameResult(ResponseCollector fast, ResponseCollector reference, String what) {
        assertThat(fast.text.toString()).as("text of %s", what).isEqualTo(reference.text.toString());
        assertThat(fast.responseTimes()).as("responses of %s", what).isEqualTo(reference.responseTimes());
        assertThat(fast.usage).as("usage of %s", what).isEqualTo(reference.usage);
        assertThat(fast.serverTiming).as("timing of %s", what).isEqualTo(reference.serverTiming);
        assertThat(fast.serverErrorMessage).as("error message of %s", what).isEqualTo(reference.serverErrorMessage);
        assertThat(fast.parseError).as("parse error of %s", what).isEqualTo(reference.parseError);
    }

    // ---- generation ----

    private String event() {
        String body = switch (rnd.nextInt(9)) {
            case 0, 1, 2 -> chatChunk();
            case 3 -> object(List.of(field("id", str()), field("choices", "[]"), field("usage", usage())));
            case 4 -> {
                String choice = object(List.of(field("index", "0"), field("text", rnd.nextInt(5) == 0 ? "\"\"" : str()),
                        field("finish_reason", "null")));
                yield object(List.of(field("choices", array(List.of(choice)))));
            }
            case 5 -> object(List.of(field("choices", "[]"), field("mock_timing", timing())));
            case 6 -> error();
            case 7 -> {
                String item = object(List.of(field("embedding", array(List.of(number(), number()))), field("index", "0")));
                yield object(List.of(field("object", "\"list\""),
                        field("data", rnd.nextInt(6) == 0 ? "{}" : array(List.of(item)))));
            }
            default -> object(List.of(field("id", str()), field("choices", array(List.of(object(List.of(
                    field("index", "0"), field("message", delta()), field("finish_reason", "\"stop\"")))))),
                    field("usage", usage())));
        };
        return ws() + body + (rnd.nextInt(20) == 0 ? ws() + "trailing" : ws());
    }

    private String chatChunk() {
        List<String> choice = new ArrayList<>(List.of(field("index", "0"), field("delta", delta()),
                field("finish_reason", rnd.nextBoolean() ? "null" : "\"stop\"")));
        List<String> choices = new ArrayList<>();
        if (rnd.nextInt(10) == 0) {
            choices.add(rnd.nextBoolean() ? "1" : "null");
        }
        choices.add(object(choice));
        if (rnd.nextInt(10) == 0) {
            choices.add(object(List.of(field("delta", delta()))));
        }
        List<String> fields = new ArrayList<>(List.of(field("id", "\"chatcmpl-1\""),
                field("object", "\"chat.completion.chunk\""), field("created", "1795843857"), field("model", "\"m\""),
                field("choices", array(choices))));
        if (rnd.nextInt(8) == 0) {
            fields.add(field("usage", rnd.nextBoolean() ? "null" : usage()));
        }
        return object(fields);
    }

    private String delta() {
        List<String> fields = new ArrayList<>();
        switch (rnd.nextInt(8)) {
            case 0 -> fields.add(field("role", "\"assistant\""));
            case 1 -> fields.add(field("content", rnd.nextBoolean() ? "\"\"" : "null"));
            case 2 -> fields.add(field("reasoning_content", str()));
            case 3 -> fields.add(field("reasoning", str()));
            case 4 -> {
                String r = str();
                fields.add(field("reasoning_content", r));
                fields.add(field("reasoning", rnd.nextInt(4) == 0 ? value(2) : r));
            }
            case 5 -> {
                fields.add(field("reasoning_content", str()));
                fields.add(field("content", str()));
            }
            case 6 -> { }
            default -> fields.add(field("content", str()));
        }
        return object(fields);
    }

    private String usage() {
        List<String> fields = new ArrayList<>(List.of(field("prompt_tokens", intish()),
                field("completion_tokens", intish()), field("total_tokens", intish())));
        if (rnd.nextBoolean()) {
            fields.add(field("completion_tokens_details", rnd.nextInt(4) == 0 ? "null"
                    : object(List.of(field("reasoning_tokens", intish())))));
        }
        if (rnd.nextInt(5) == 0) {
            fields.add(field("reasoning_tokens", intish()));
        }
        return object(fields);
    }

    private String timing() {
        return object(List.of(field("queue_wait_ms", number()), field("ttft_ms", number()), field("itl_ms", number()),
                field("latency_ms", number()), field("tokens", intish())));
    }

    private String error() {
        return switch (rnd.nextInt(6)) {
            case 0 -> object(List.of(field("error", object(List.of(field("message", str()), field("type", "\"x\""),
                    field("code", "500"))))));
            case 1 -> object(List.of(field("error", str())));
            case 2 -> object(List.of(field("error", object(List.of(field("code", "1"))))));
            case 3 -> object(List.of(field("error", "null")));
            case 4 -> object(List.of(field("detail", str())));
            default -> object(List.of(field("object", "\"error\""), field("message", rnd.nextBoolean() ? str() : "3")));
        };
    }

    /** An object of the given fields, in a shuffled-in order with random extra and duplicated fields. */
    private String object(List<String> given) {
        List<String> fields = new ArrayList<>(given);
        int extras = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0;
        for (int k = 0; k < extras; k++) {
            fields.add(rnd.nextInt(fields.size() + 1),
                    field(EXTRA_NAMES[rnd.nextInt(EXTRA_NAMES.length)], value(2)));
        }
        if (!fields.isEmpty() && rnd.nextInt(25) == 0) {
            fields.add(fields.get(rnd.nextInt(fields.size())));
        }
        return "{" + ws() + String.join(ws() + "," + ws(), fields) + ws() + "}";
    }

    private String array(List<String> values) {
        return "[" + ws() + String.join(ws() + "," + ws(), values) + ws() + "]";
    }

    private String field(String name, String value) {
        return "\"" + name + "\"" + ws() + ":" + ws() + value;
    }

    private String value(int depth) {
        int kind = rnd.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> str();
            case 1 -> number();
            case 2 -> "true";
            case 3 -> "false";
            case 4 -> "null";
            case 5 -> intish();
            case 6 -> object(List.of(field("k", value(depth - 1))));
            default -> array(List.of(value(depth - 1), value(depth - 1)));
        };
    }

    private String str() {
        StringBuilder s = new StringBuilder("\"");
        int pieces = rnd.nextInt(4);
        for (int k = 0; k < pieces; k++) {
            s.append(rnd.nextInt(3) == 0 ? ESCAPES[rnd.nextInt(ESCAPES.length)] : WORDS[rnd.nextInt(WORDS.length)]
                    .replace("\t", "\\t"));
        }
        return s.append('"').toString();
    }

    private String intish() {
        return switch (rnd.nextInt(12)) {
            case 0 -> "-" + rnd.nextInt(100);
            case 1 -> "null";
            case 2 -> "\"12\"";
            case 3 -> rnd.nextInt(100) + ".0";
            case 4 -> String.valueOf(1_000_000_000L + rnd.nextInt(Integer.MAX_VALUE));
            case 5 -> "-0";
            default -> String.valueOf(rnd.nextInt(5000));
        };
    }

    private String number() {
        return switch (rnd.nextInt(10)) {
            case 0 -> String.valueOf(rnd.nextInt(1000));
            case 1 -> "-0";
            case 2 -> "-0.0";
            case 3 -> rnd.nextInt(100) + "e" + (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(5);
            case 4 -> "1.5E+2";
            case 5 -> "123456789012.345";
            case 6 -> "0.000001";
            default -> (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(10_000) + "." + String.format("%03d", rnd.nextInt(1000));
        };
    }

    private String ws() {
        if (rnd.nextInt(4) != 0) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            s.append(WS.charAt(rnd.nextInt(WS.length())));
        }
        return s.toString();
    }

    // ---- mutation ----

    private byte[] mutate(byte[] event) {
        if (event.length == 0) {
            return event;
        }
        int at = rnd.nextInt(event.length);
        return switch (rnd.nextInt(6)) {
            case 0 -> java.util.Arrays.copyOf(event, at);
            case 1 -> {
                byte[] b = event.clone();
                b[at] = (byte) rnd.nextInt(256);
                yield b;
            }
            case 2 -> {
                byte[] b = event.clone();
                b[at] = (byte) STRUCTURAL.charAt(rnd.nextInt(STRUCTURAL.length()));
                yield b;
            }
            case 3 -> insert(event, at, (byte) STRUCTURAL.charAt(rnd.nextInt(STRUCTURAL.length())));
            case 4 -> insert(event, at, (byte) (0x80 + rnd.nextInt(128)));
            default -> {
                byte[] b = new byte[event.length - 1];
                System.arraycopy(event, 0, b, 0, at);
                System.arraycopy(event, at + 1, b, at, event.length - at - 1);
                yield b;
            }
        };
    }

    private static byte[] insert(byte[] event, int at, byte value) {
        byte[] b = new byte[event.length + 1];
        System.arraycopy(event, 0, b, 0, at);
        b[at] = value;
        System.arraycopy(event, at, b, at + 1, event.length - at);
        return b;
    }
}
