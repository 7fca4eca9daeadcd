package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.fetch.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The progress display needs no cursor addressing: plain lines on a serial console, a carriage return on a tty. */
class ProgressBarTest {
    private static final long TOTAL = 1000L << 20;

    private static Progress at(long bytes) {
        return new Progress(bytes, OptionalLong.of(TOTAL), 50 << 20, Optional.of(Duration.ofSeconds(75)));
    }

    @Test
    void aSerialConsoleGetsOneLinePerTenthAndNoControlCharacters() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), "live.iso", false);
        for (long bytes = 0; bytes <= TOTAL; bytes += TOTAL / 100) {
            bar.onProgress(at(bytes));
        }
        String text = out.toString();
        assertThat(text).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(text.lines()).hasSize(11);
        assertThat(text.lines().toList().get(5))
                .isEqualTo("live.iso  500.0 MiB / 1000.0 MiB   50%  50.0 MiB/s  ETA 0:01:15");
    }

    @Test
    void aTerminalGetsOneRedrawnLine() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), "live.iso", true);
        bar.onProgress(at(TOTAL / 2));
        bar.onProgress(at(TOTAL));
        assertThat(out.toString()).startsWith("\rlive.iso  500.0 MiB").contains("\rlive.iso  1000.0 MiB");
        assertThat(out.toString()).endsWith("\n");
        assertThat(out.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void aTerminalIsNotRedrawnForEveryBuffer() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), "live.iso", true);
        // 10,000 buffers arriving back to back (well within a quarter of a second here): the first and the last
        // are drawn; a serial console is not flooded with the ones in between.
        for (int i = 1; i <= 10_000; i++) {
            bar.onProgress(at(TOTAL / 10_000 * i));
        }
        bar.onProgress(at(TOTAL));
        long redraws = out.toString().chars().filter(c -> c == '\r').count();
        assertThat(redraws).isLessThan(100);
        assertThat(out.toString()).contains("\rlive.iso  1000.0 MiB").endsWith("\n");
    }

    @Test
    void retriesArePrintedOnTheirOwnLine() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), "live.iso", true);
        bar.onProgress(at(TOTAL / 4));
        bar.onRetry("http://mirror/live.iso: HTTP 503 at byte 262144000");
        assertThat(out.toString())
                .endsWith("\nwebboot: retrying: http://mirror/live.iso: HTTP 503 at byte 262144000\n");
    }
}
