package dev.webboot.cli;

import dev.webboot.fetch.Progress;
import dev.webboot.fetch.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Download progress on stderr without cursor addressing, so it works on a serial console: on a terminal one line is
 * redrawn with a carriage return at most four times a second (a serial console at 115200 baud carries about 11 KB/s,
 * and a redraw per received buffer would spend it all on the bar); otherwise a plain line is printed every 10 % or
 * every 10 seconds, whichever first.
 */
final class ProgressBar implements ProgressListener {
    private static final long LINE_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    private static final long REDRAW_INTERVAL_NANOS = Duration.ofMillis(250).toNanos();

    private final PrintWriter err;
    private final String name;
    private final boolean terminal;
    private long lastLineNanos = System.nanoTime();
    private long lastTenth = -1;
    private int lastWidth;
    private long lastRedrawNanos;
    private boolean drawn;

    ProgressBar(PrintWriter err, String name, boolean terminal) {
        this.err = err;
        this.name = name;
        this.terminal = terminal;
    }

    /** True when stderr is probably a terminal (a console is attached and TERM is not "dumb"). */
    static boolean stderrIsTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    @Override
    public void onProgress(Progress progress) {
        String line = format(progress);
        if (terminal) {
            boolean complete = progress.total().isPresent()
                    && progress.bytes() >= progress.total().getAsLong();
            long now = System.nanoTime();
            if (drawn && !complete && now - lastRedrawNanos < REDRAW_INTERVAL_NANOS) {
                return;
            }
            drawn = true;
            lastRedrawNanos = now;
            String padded = line.length() < lastWidth ? line + " ".repeat(lastWidth - line.length()) : line;
            lastWidth = line.length();
            err.print("\r" + padded);
            if (complete) {
                err.println();
            }
            err.flush();
            return;
        }
        long now = System.nanoTime();
        long tenth = progress.total().isPresent() && progress.total().getAsLong() > 0
                ? progress.bytes() * 10 / progress.total().getAsLong()
                : -1;
        if (tenth != lastTenth || now - lastLineNanos >= LINE_INTERVAL_NANOS) {
            lastTenth = tenth;
            lastLineNanos = now;
            err.println(line);
            err.flush();
        }
    }

    @Override
    public void onRetry(String sentence) {
        if (terminal && lastWidth > 0) {
            err.println();
            lastWidth = 0;
        }
        err.println("webboot: retrying: " + sentence);
        err.flush();
    }

    String format(Progress progress) {
        StringBuilder line = new StringBuilder(name).append("  ").append(bytes(progress.bytes()));
        if (progress.total().isPresent()) {
            long total = progress.total().getAsLong();
            line.append(" / ").append(bytes(total));
            if (total > 0) {
                line.append(String.format(Locale.ROOT, "  %3d%%", progress.bytes() * 100 / total));
            }
        }
        if (progress.bytesPerSecond() > 0) {
            line.append("  ").append(bytes((long) progress.bytesPerSecond())).append("/s");
        }
        progress.eta()
                .ifPresent(eta -> line.append(String.format(
                        Locale.ROOT, "  ETA %d:%02d:%02d", eta.toHours(), eta.toMinutesPart(), eta.toSecondsPart())));
        return line.toString();
    }

    static String bytes(long n) {
        return dev.webboot.cli.menu.Sizes.bytes(n);
    }
}
