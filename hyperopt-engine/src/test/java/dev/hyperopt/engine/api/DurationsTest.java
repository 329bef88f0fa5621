package dev.hyperopt.engine.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"90s, 90000", "10m, 600000", "1h30m, 5400000", "500ms, 500", "1.5s, 1500", "2, 2000", "1d, 86400000"})
    void parses(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten", "10x", "s", "-5s", "0s", "10 m"})
    void rejects(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"250, 250ms", "2000, 2s", "1500, 1.5s", "90000, 1m30s", "3900000, 1h5m"})
    void formats(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
