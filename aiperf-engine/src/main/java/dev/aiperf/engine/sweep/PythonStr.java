package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * Formats config values the way Python's {@code str()} does, so labels and directory names match AIPerf's:
 * {@code 5.0 → "5.0"}, {@code 10 → "10"}, {@code 1e-05}, {@code True}, {@code None}, {@code [1, 2]},
 * {@code {'a': 1}}.
 */
public final class PythonStr {
    private PythonStr() {
    }

    /** Python {@code str(value)}. */
    public static String str(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "None";
        }
        if (v.isTextual()) {
            return v.asText();
        }
        return repr(v);
    }

    /** Python {@code repr(value)}: like {@link #str} but strings are quoted. */
    public static String repr(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "None";
        }
        if (v.isTextual()) {
            return "'" + v.asText().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "True" : "False";
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return floatRepr(v.doubleValue());
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(v.get(i)));
            }
            return sb.append(']').toString();
        }
        StringBuilder sb = new StringBuilder("{");
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        boolean first = true;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            sb.append(first ? "" : ", ").append("'").append(e.getKey()).append("': ").append(repr(e.getValue()));
            first = false;
        }
        return sb.append('}').toString();
    }

    /** Python's {@code repr(float)}: the shortest digits that round-trip, fixed notation for 1e-4 &lt;= |x| &lt; 1e16. */
    public static String floatRepr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(x);
        String digits = shortest.unscaledValue().abs().toString();
        // decimal exponent of the first digit: value = 0.d1d2... * 10^(point)
        int point = digits.length() - shortest.scale();
        int exp10 = point - 1;
        String sign = x < 0 ? "-" : "";
        if (exp10 >= -4 && exp10 < 16) {
            String plain = shortest.abs().toPlainString();
            if (!plain.contains(".")) {
                plain = plain + ".0";
            }
            return sign + plain;
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = String.format("%02d", Math.abs(exp10));
        return sign + mantissa + "e" + (exp10 < 0 ? "-" : "+") + e;
    }

    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == x) {
                return r.stripTrailingZeros();
            }
        }
        return exact.stripTrailingZeros();
    }
}
