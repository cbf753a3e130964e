package dev.aiperf.engine.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTextTest {

    @Test
    void parameterValuesPrintAsPythonStrDoes() {
        assertThat(CsvText.plain(10.0)).isEqualTo("10.0");
        assertThat(CsvText.plain(0.5)).isEqualTo("0.5");
        assertThat(CsvText.plain(12345678.5)).isEqualTo("12345678.5");
        assertThat(CsvText.plain(1e-5)).isEqualTo("1e-05");
        assertThat(CsvText.plain(1e16)).isEqualTo("1e+16");
        assertThat(CsvText.plain(16L)).isEqualTo("16");
        assertThat(CsvText.plain("chat")).isEqualTo("chat");
        assertThat(CsvText.plain(null)).isEmpty();
    }
}
