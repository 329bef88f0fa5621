package dev.hyperopt.cli;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Logs of any library the command runs reach standard error, warnings and errors only. */
class LoggingTest {
    @Test
    void warningsGoToStandardErrorAndInfoNowhere() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            Logger log = LoggerFactory.getLogger("dev.hyperopt.engine.Example");
            log.info("progress that nobody asked for");
            log.debug("details");
            log.warn("something to know");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(capturedOut.toString(StandardCharsets.UTF_8)).isEmpty();
        String logged = capturedErr.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("something to know").doesNotContain("progress").doesNotContain("details");
        assertThat(logged.lines()).hasSize(1);
    }
}
