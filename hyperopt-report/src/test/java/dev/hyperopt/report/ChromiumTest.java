package dev.hyperopt.report;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When the browser tests run, skip or fail, whatever this machine has installed. */
class ChromiumTest {

    @Test
    void aMissingBrowserSkipsOutsideCiAndFailsUnderCi() {
        assertThatThrownBy(() -> Chromium.require(null, null)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("chromium is not installed").hasMessageContaining("skipping the browser tests");
        assertThatThrownBy(() -> Chromium.require(null, "false")).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> Chromium.require(null, "true")).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true requires the browser tests to run");
        assertThat(Chromium.require(Path.of("/usr/bin/chromium"), "true").binary()).isEqualTo(Path.of("/usr/bin/chromium"));
    }

    @Test
    void everyConsoleLineCounts() {
        String stderr = "[1:1:1127/153930.6:WARNING:sandbox.cc:405] InitializeSandbox()\n"
                + "[1:1:1127/153931.0:INFO:CONSOLE:1] \"Uncaught TypeError: x\", source: file:///r.html (1)\n"
                + "[1:1:1127/153931.0:INFO:CONSOLE:7] \"hello\", source: file:///r.html (7)\n";
        assertThat(Chromium.consoleMessages(stderr)).hasSize(2);
        assertThat(Chromium.consoleMessages("[1:1:1127/1.0:ERROR:bus.cc:408] Failed to connect to the bus\n")).isEmpty();
    }
}
